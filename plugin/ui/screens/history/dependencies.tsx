import { useEffect, useState } from 'preact/hooks';
import type { ComponentDetailOut, ComponentRefOut } from '../../../../core/contract/responses.js';
import type { Session } from '../../session.js';
import styles from '../screens.module.css';

/**
 * "Uses" and "Used by" of the selected component (through its current version), each name a
 * button that shows that component's history. Nothing is shown for a component without either.
 */
export function Dependencies({
  session,
  componentId,
  reload,
  onSelect,
}: {
  session: Session;
  componentId: string;
  reload: number;
  onSelect: (componentId: string) => void;
}) {
  const [detail, setDetail] = useState<ComponentDetailOut | null>(null);
  useEffect(() => {
    let live = true;
    setDetail(null);
    // Dependencies are a side note of the history: failing to read them hides them, nothing more.
    session.api.component(componentId).then(
      (d) => live && setDetail(d),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [componentId, reload]);

  if (!detail || (detail.uses.length === 0 && detail.usedBy.length === 0)) return null;
  const row = (label: string, refs: ComponentRefOut[]) => (
    <>
      <dt>{label}</dt>
      <dd>
        {refs.length === 0 ? (
          <span class={styles.muted}>none</span>
        ) : (
          <ul aria-label={label} class={styles.dependencyList}>
            {refs.map((r) => (
              <li key={r.componentId}>
                <button type="button" class={styles.linkButton} onClick={() => onSelect(r.componentId)}>
                  {r.name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </dd>
    </>
  );
  return (
    <dl aria-label="Dependencies" class={styles.dependencies}>
      {row('Uses', detail.uses)}
      {row('Used by', detail.usedBy)}
    </dl>
  );
}
