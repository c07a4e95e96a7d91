import styles from './components.module.css';

/** A determinate bar when the total is known, else a busy one; the text is announced politely. */
export function ProgressLine({ label, done, total }: { label: string; done?: number; total?: number }) {
  const known = typeof done === 'number' && typeof total === 'number' && total > 0;
  return (
    <div class={styles.progress}>
      <div
        class={styles.bar}
        role="progressbar"
        aria-label={label}
        aria-valuemin={known ? 0 : undefined}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
      >
        <div
          class={known ? styles.fill : styles.busy}
          style={known ? { width: `${Math.round((done! / total!) * 100)}%` } : undefined}
        />
      </div>
      <p aria-live="polite" class={styles.muted}>
        {label}
      </p>
    </div>
  );
}
