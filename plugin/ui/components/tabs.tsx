import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import styles from './components.module.css';

export interface TabDef<T extends string> {
  id: T;
  label: string;
}

/**
 * WAI-ARIA tabs: arrow keys move between them, each panel is labelled by its tab. A panel stays
 * mounted once shown (hidden when another tab is current), so a sync's proposals survive a look
 * at the history.
 */
export function Tabs<T extends string>({
  tabs,
  current,
  onSelect,
  panels,
}: {
  tabs: Array<TabDef<T>>;
  current: T;
  onSelect: (id: T) => void;
  panels: (id: T) => ComponentChildren;
}) {
  const [visited, setVisited] = useState<Set<T>>(new Set([current]));
  useEffect(() => setVisited((v) => (v.has(current) ? v : new Set([...v, current]))), [current]);
  const onKeyDown = (event: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === current);
    const next =
      event.key === 'ArrowRight'
        ? tabs[(i + 1) % tabs.length]
        : event.key === 'ArrowLeft'
          ? tabs[(i - 1 + tabs.length) % tabs.length]
          : undefined;
    if (!next) return;
    event.preventDefault();
    onSelect(next.id);
    requestAnimationFrame(() => document.getElementById(`tab-${next.id}`)?.focus());
  };
  return (
    <div class={styles.tabs}>
      <div role="tablist" aria-label="Sections" class={styles.tablist} onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={t.id === current}
            aria-controls={`panel-${t.id}`}
            tabIndex={t.id === current ? 0 : -1}
            class={styles.tab}
            onClick={() => onSelect(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs
        .filter((t) => visited.has(t.id) || t.id === current)
        .map((t) => (
          <div
            key={t.id}
            role="tabpanel"
            id={`panel-${t.id}`}
            aria-labelledby={`tab-${t.id}`}
            class={styles.panel}
            hidden={t.id !== current}
          >
            {panels(t.id)}
          </div>
        ))}
    </div>
  );
}
