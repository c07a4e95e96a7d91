import { Button } from '@create-figma-plugin/ui';
import { useMemo, useState } from 'preact/hooks';
import {
  conflictCount,
  parseConflicts,
  resolveConflicts,
  type ConflictChoice,
} from '../../../../core/diff/conflict-markers.js';
import styles from '../screens.module.css';

interface ConflictFile {
  path: string;
  content: string;
}

/**
 * Each conflict region of a draft's files with both sides; the reviewer keeps one side, both,
 * or edits, per region, then saves: the resolved files replace the draft's (PUT …/files).
 */
export function ConflictResolver({
  files,
  onSave,
  busy,
}: {
  files: ConflictFile[];
  onSave: (files: Array<{ path: string; content: string }>) => void;
  busy: boolean;
}) {
  const parsed = useMemo(() => files.map((f) => ({ ...f, segments: parseConflicts(f.content) })), [files]);
  const withConflicts = parsed.filter((f) => conflictCount(f.segments) > 0);
  const [choices, setChoices] = useState<Record<string, Array<ConflictChoice | undefined>>>({});
  const total = withConflicts.reduce((n, f) => n + conflictCount(f.segments), 0);
  const chosen = Object.values(choices).reduce((n, list) => n + list.filter(Boolean).length, 0);

  const choose = (path: string, index: number, choice: ConflictChoice) =>
    setChoices((current) => {
      const list = [...(current[path] ?? [])];
      list[index] = choice;
      return { ...current, [path]: list };
    });

  const save = () =>
    onSave(
      parsed.map((f) => ({
        path: f.path,
        content: conflictCount(f.segments) ? resolveConflicts(f.segments, choices[f.path] ?? []) : f.content,
      })),
    );

  return (
    <section class={styles.conflicts} aria-labelledby="conflicts-title">
      <h3 id="conflicts-title">
        Merge conflicts: {total} {total === 1 ? 'region' : 'regions'}
      </h3>
      <p class={styles.muted}>
        A developer's customization and the regenerated code changed the same lines. Pick a side for each region (or
        edit it), then save; the draft can be accepted once no conflict is left.
      </p>
      {withConflicts.map((f) => {
        let k = -1;
        return (
          <div key={f.path} class={styles.conflictFile}>
            <h4>{f.path}</h4>
            {f.segments.map((s, i) => {
              if (s.kind === 'text') return null;
              k += 1;
              const index = k;
              const label = `${f.path} conflict ${index + 1}`;
              const choice = choices[f.path]?.[index];
              return (
                <fieldset key={i} class={styles.region}>
                  <legend>Conflict {index + 1}</legend>
                  <div class={styles.sides}>
                    <div>
                      <p class={styles.sideTitle}>Customized ({s.region.oursLabel})</p>
                      <pre>{s.region.ours.join('\n') || '(nothing)'}</pre>
                    </div>
                    <div>
                      <p class={styles.sideTitle}>Generated ({s.region.theirsLabel})</p>
                      <pre>{s.region.theirs.join('\n') || '(nothing)'}</pre>
                    </div>
                  </div>
                  <div role="radiogroup" aria-label={`Resolution of ${label}`} class={styles.choices}>
                    {(['ours', 'theirs', 'both'] as const).map((kind) => (
                      <label key={kind}>
                        <input
                          type="radio"
                          name={label}
                          checked={choice?.kind === kind}
                          onChange={() => choose(f.path, index, { kind })}
                        />
                        {kind === 'ours' ? 'Keep customized' : kind === 'theirs' ? 'Keep generated' : 'Keep both'}
                      </label>
                    ))}
                    <label>
                      <input
                        type="radio"
                        name={label}
                        checked={choice?.kind === 'edit'}
                        onChange={() =>
                          choose(f.path, index, {
                            kind: 'edit',
                            text: [...s.region.ours, ...s.region.theirs].join('\n'),
                          })
                        }
                      />
                      Edit
                    </label>
                  </div>
                  {choice?.kind === 'edit' && (
                    <textarea
                      aria-label={`Edited lines of ${label}`}
                      rows={Math.min(12, Math.max(3, choice.text.split('\n').length))}
                      value={choice.text}
                      onInput={(e) =>
                        choose(f.path, index, { kind: 'edit', text: (e.target as HTMLTextAreaElement).value })
                      }
                    />
                  )}
                </fieldset>
              );
            })}
          </div>
        );
      })}
      <Button onClick={save} disabled={chosen < total} loading={busy}>
        Save resolution
      </Button>
      {chosen < total && <p class={styles.muted}>{total - chosen} still to resolve.</p>}
    </section>
  );
}
