// What a background check warns about (deleted variables, dangling aliases, duplicate names,
// skipped styles, renamed components, name collisions) goes to people, not only to the job's
// output: the tracked file or token source keeps the last check's, and each draft the check
// makes carries those that concern its design. Warnings are sentences that name what they are
// about ("Variable "color/blue" (VariableID:1:2) …", "Component "Card" (12:3) …"), so a
// warning concerns a component when it names the component or a token the component uses, and
// concerns every component when it names nothing of the design (how the file was read).
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { Token } from '../../../core/contract/tokens.js';

/** At most this many warnings are kept on a file, a token source or a draft; each at most MAX_WARNING_CHARS. */
export const MAX_KEPT_WARNINGS = 100;
const MAX_WARNING_CHARS = 1000;

/** The warnings to keep: each once, cut to a readable length, the list bounded with a count of the rest. */
export function keptWarnings(warnings: Iterable<string>): string[] {
  const unique = [...new Set(warnings)].map((w) =>
    w.length > MAX_WARNING_CHARS ? `${w.slice(0, MAX_WARNING_CHARS)}…` : w,
  );
  if (unique.length <= MAX_KEPT_WARNINGS) return unique;
  return [...unique.slice(0, MAX_KEPT_WARNINGS - 1), `… and ${unique.length - MAX_KEPT_WARNINGS + 1} more warnings`];
}

/** What a warning names: quoted and parenthesised phrases, and its words without surrounding punctuation. */
function namesIn(warning: string): Set<string> {
  const names = new Set<string>();
  for (const m of warning.matchAll(/"([^"]{1,500})"|`([^`]{1,500})`|\(([^()]{1,500})\)/g))
    names.add((m[1] ?? m[2] ?? m[3])!);
  for (const word of warning.split(/\s+/)) {
    const bare = word.replace(/^["'`(]+/, '').replace(/["'`)]*[:;,.]*["'`)]*$/, '');
    if (bare) names.add(bare);
  }
  return names;
}

/** The warnings of one check, indexed by what they name, so each component's share costs a lookup per name. */
export class CheckWarnings {
  private readonly mentions = new Map<string, number[]>();
  /** warnings that name nothing of the design: they concern it all */
  private readonly general: number[] = [];

  constructor(
    private readonly warnings: readonly string[],
    design: { tokens: readonly Token[]; components: readonly ComponentSpec[] },
  ) {
    const known = new Set<string>();
    for (const t of design.tokens) known.add(t.id).add(t.name);
    for (const c of design.components) known.add(c.id).add(c.name);
    warnings.forEach((warning, i) => {
      let specific = false;
      for (const name of namesIn(warning)) {
        if (!known.has(name)) continue;
        specific = true;
        const list = this.mentions.get(name);
        if (list) list.push(i);
        else this.mentions.set(name, [i]);
      }
      if (!specific) this.general.push(i);
    });
  }

  /** The warnings that concern this component's design: its own, those of the tokens it uses, and the general ones. */
  forComponent(spec: Pick<ComponentSpec, 'id' | 'name'>, tokens: readonly Pick<Token, 'id' | 'name'>[]): string[] {
    if (this.warnings.length === 0) return [];
    const picked = new Set(this.general);
    const add = (name: string) => {
      for (const i of this.mentions.get(name) ?? []) picked.add(i);
    };
    add(spec.id);
    add(spec.name);
    for (const t of tokens) {
      add(t.id);
      add(t.name);
    }
    return keptWarnings([...picked].sort((x, y) => x - y).map((i) => this.warnings[i]!));
  }
}
