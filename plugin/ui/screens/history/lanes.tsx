// Branches drawn as lanes beside the timeline: main first, then branches in order of appearance.
import type { VersionSummary } from '../../../../core/contract/api.js';
import styles from '../screens.module.css';

export function laneOrder(versions: readonly VersionSummary[]): string[] {
  const lanes = ['main'];
  for (const v of versions) if (!lanes.includes(v.branch)) lanes.push(v.branch);
  return lanes;
}

const LANE = 12;

/** One vertical line per lane (the version's own drawn solid) and a dot on the version's lane. */
export function Lanes({ lanes, branch }: { lanes: string[]; branch: string }) {
  const at = Math.max(0, lanes.indexOf(branch));
  return (
    <div
      class={styles.lanes}
      style={{ width: `${lanes.length * LANE}px` }}
      aria-hidden="true"
      title={`branch ${branch}`}
    >
      {lanes.map((name, i) => (
        <span
          key={name}
          class={styles.lane}
          style={{
            left: `${i * LANE + LANE / 2 - 1}px`,
            background: `var(--lane-${i % 4})`,
            opacity: i === at ? 1 : 0.3,
          }}
        />
      ))}
      <span class={styles.dot} style={{ left: `${at * LANE + LANE / 2 - 5}px`, background: `var(--lane-${at % 4})` }} />
    </div>
  );
}
