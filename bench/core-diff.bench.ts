import type { Bench } from './types.js';
import { median, prng } from './support.js';
import { diffFileSets, diffText, mergeText } from '../core/diff/index.js';

/** TSX-like lines, with the repeats real code has (blank lines, closing tags and braces). */
function tsxLines(n: number, rand: () => number): string[] {
  const templates = [
    (i: number) => `  const value${i} = useMemo(() => compute(props.item${i}), [props.item${i}]);`,
    (i: number) => `      <div className={styles.row${i % 17}} data-index="${i}">`,
    () => '      </div>',
    (i: number) => `        <Label text={t('label.${i}')} tone="neutral" />`,
    () => '',
    () => '  }',
    (i: number) => `  if (props.variant === 'v${i % 5}') return <Icon name="i${i}" />;`,
    (i: number) => `import { Thing${i} } from './thing-${i}';`,
  ];
  return Array.from({ length: n }, (_, i) => templates[Math.floor(rand() * templates.length)]!(i));
}

/** Changes every line whose index ≡ offset (mod 20): 5 % of lines, spread through the file. */
function changeEvery20th(lines: string[], offset: number, tag: string): string[] {
  return lines.map((l, i) => (i % 20 === offset ? `${l} // ${tag}` : l));
}

function medianMs(runs: number, fn: () => unknown): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up: JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const bench: Bench = async (report) => {
  const base = tsxLines(2000, prng(42));
  const text = (lines: string[]) => lines.join('\n') + '\n';
  const baseText = text(base);
  const changed = text(changeEvery20th(base, 7, 'changed'));
  const runs = 15;

  const d = diffText(baseText, changed);
  report(
    'core/diff diffText 2000 lines, 5% changed',
    medianMs(runs, () => diffText(baseText, changed)),
    'ms',
  );
  report('core/diff diffText hunks', d.hunks.length, 'hunks');
  report(
    'core/diff diffFileSets 4×2000 lines, stats only',
    medianMs(runs, () =>
      diffFileSets(
        ['A', 'B', 'C', 'D'].map((p) => ({ path: p, content: baseText })),
        ['A', 'B', 'C', 'D'].map((p) => ({ path: p, content: changed })),
        { includeHunks: false },
      ),
    ),
    'ms',
  );

  // ours and theirs each change a different 5 %, never adjacent: a clean merge.
  const ours = text(changeEvery20th(base, 3, 'customized'));
  const theirs = text(changeEvery20th(base, 13, 'regenerated'));
  const clean = mergeText(baseText, ours, theirs);
  if (!clean.clean) throw new Error('bench input expected to merge cleanly');
  report(
    'core/diff mergeText 2000 lines, 5%+5% changed, clean',
    medianMs(runs, () => mergeText(baseText, ours, theirs)),
    'ms',
  );

  // theirs also touches the lines ours changed every 40th line: half its edits conflict.
  const theirsConflicting = text(
    changeEvery20th(base, 13, 'regenerated').map((l, i) => (i % 40 === 3 ? `${base[i]} // regenerated` : l)),
  );
  const conflicted = mergeText(baseText, ours, theirsConflicting);
  report(
    'core/diff mergeText 2000 lines, with conflicts',
    medianMs(runs, () => mergeText(baseText, ours, theirsConflicting)),
    'ms',
  );
  report('core/diff mergeText conflict regions', conflicted.conflicts.length, 'regions');
};

export default bench;
