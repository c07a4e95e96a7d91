import type { ComponentChildren } from 'preact';
import styles from './components.module.css';

export interface TabDef<T extends string> {
  id: T;
  label: string;
}

/** WAI-ARIA tabs: arrow keys move between them, the panel is labelled by its tab. */
export function Tabs<T extends string>({ tabs, current, onSelect, children }: { tabs: Array<TabDef<T>>; current: T; onSelect: (id: T) => void; children: ComponentChildren }) {
  const onKeyDown = (event: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === current);
    const next = event.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : event.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : undefined;
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
      <div role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`} class={styles.panel}>
        {children}
      </div>
    </div>
  );
}
