import type { RejectedEarlier } from '../../../../core/contract/sync.js';
import styles from '../screens.module.css';

/** Names listed in the line before "and N more": the line stays one short line in a 420 px panel. */
const SHOWN = 5;

/**
 * The components a sync did not propose because the same change was rejected before
 * (DESIGN.md "Versions"): one short line, so the reviewer knows why they are missing.
 */
export function RejectedEarlierLine({ items }: { items: readonly RejectedEarlier[] }) {
  if (items.length === 0) return null;
  const more = items.length - SHOWN;
  return (
    <p class={styles.rejectedEarlier} role="note" aria-label="Rejected earlier">
      Rejected earlier, not proposed again:{' '}
      {items.slice(0, SHOWN).map((r, i) => (
        <span key={r.componentId}>
          {i > 0 && ', '}
          <strong>{r.componentName}</strong> {r.version}
        </span>
      ))}
      {more > 0 && ` and ${more} more`}. A change to the design or a regeneration by hand proposes{' '}
      {items.length === 1 ? 'it' : 'them'} again.
    </p>
  );
}
