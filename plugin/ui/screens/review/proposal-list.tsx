import { Button } from '@create-figma-plugin/ui';
import { useState } from 'preact/hooks';
import type { ApiClient } from '../../api/client.js';
import { Badge } from '../../components/badge.js';
import { BUMP_LABEL, versionArrow } from '../../format.js';
import styles from '../screens.module.css';
import { isBreaking, type DecideFn, type Outcome, type ReviewItem } from './review-item.js';
import { ReviewPanel } from './review-panel.js';

const BUMP_TONE = { major: 'danger', minor: 'brand', patch: 'neutral' } as const;

/**
 * The proposals of a sync (or the pending drafts, in a browser): per component its versions,
 * bump and reasons, the buttons Review / Accept / Reject <name>, and each decision's outcome.
 */
export function ProposalList({
  items,
  api,
  decide,
  readOnly,
  onChanged,
}: {
  items: ReviewItem[];
  api: ApiClient;
  decide: DecideFn;
  readOnly: boolean;
  onChanged?: () => void;
}) {
  const [outcomes, setOutcomes] = useState<Map<string, Outcome>>(new Map());
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [conflictsResolved, setConflictsResolved] = useState<Set<string>>(new Set());

  const run = async (ids: string[], decision: 'accept' | 'reject') => {
    setBusy((b) => new Set([...b, ...ids]));
    try {
      const result = await decide(ids, decision);
      setOutcomes((current) => new Map([...current, ...result]));
      onChanged?.();
    } finally {
      setBusy((b) => new Set([...b].filter((id) => !ids.includes(id))));
    }
  };

  const pending = items.filter(
    (i) => !outcomes.has(i.proposal.componentId) || outcomes.get(i.proposal.componentId)!.state === 'failed',
  );
  const nonBreaking = pending.filter(
    (i) => !isBreaking(i.proposal) && (!i.hasConflicts || conflictsResolved.has(i.proposal.componentId)),
  );

  return (
    <div>
      {!readOnly && (
        <div class={styles.toolbar}>
          <Button
            secondary
            disabled={nonBreaking.length === 0}
            onClick={() =>
              void run(
                nonBreaking.map((i) => i.proposal.componentId),
                'accept',
              )
            }
          >
            Accept all non-breaking
          </Button>
          <span class={styles.muted}>
            {pending.length} to review
            {items.length - pending.length ? `, ${items.length - pending.length} decided` : ''}
          </span>
        </div>
      )}
      <ul aria-label="Proposals" class={styles.proposals}>
        {items.map((item) => {
          const p = item.proposal;
          const outcome = outcomes.get(p.componentId);
          const decided = outcome && outcome.state !== 'failed';
          const working = busy.has(p.componentId);
          const blocked = item.hasConflicts && !conflictsResolved.has(p.componentId);
          return (
            <li key={p.componentId} class={styles.proposal} aria-label={`${p.componentName} ${versionArrow(p)}`}>
              <div class={styles.proposalHead}>
                <strong>{p.componentName}</strong>
                <span class={styles.versions}>{versionArrow(p)}</span>
                {p.fromVersion === null ? (
                  <Badge tone="brand">New</Badge>
                ) : (
                  <Badge tone={BUMP_TONE[p.bump]} title={`${p.bump} bump`}>
                    {BUMP_LABEL[p.bump]}
                  </Badge>
                )}
                {item.hasConflicts && <Badge tone="warning">Conflicts</Badge>}
                {p.warnings.length > 0 && (
                  <Badge tone="warning" title={p.warnings.slice(0, 3).join('\n')}>
                    {p.warnings.length === 1 ? '1 warning' : `${p.warnings.length} warnings`}
                  </Badge>
                )}
              </div>
              <ul class={styles.reasons}>
                {p.reasons.slice(0, 4).map((r) => (
                  <li key={r}>{r}</li>
                ))}
                {p.reasons.length > 4 && <li class={styles.muted}>… {p.reasons.length - 4} more</li>}
              </ul>
              {outcome && <OutcomeLine outcome={outcome} />}
              <div class={styles.actions}>
                <Button
                  secondary
                  aria-expanded={open === p.componentId}
                  onClick={() => setOpen(open === p.componentId ? null : p.componentId)}
                >
                  {`Review ${p.componentName}`}
                </Button>
                {!readOnly && (
                  <>
                    <Button
                      disabled={decided || working || blocked}
                      loading={working}
                      onClick={() => void run([p.componentId], 'accept')}
                      title={blocked ? 'Resolve the merge conflicts first' : undefined}
                    >
                      {`Accept ${p.componentName}`}
                    </Button>
                    <Button
                      secondary
                      danger
                      disabled={decided || working}
                      onClick={() => void run([p.componentId], 'reject')}
                    >
                      {`Reject ${p.componentName}`}
                    </Button>
                  </>
                )}
              </div>
              {open === p.componentId && (
                <div class={styles.review}>
                  <ReviewPanel
                    item={item}
                    api={api}
                    readOnly={readOnly}
                    onResolved={() => setConflictsResolved((s) => new Set([...s, p.componentId]))}
                  />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function OutcomeLine({ outcome }: { outcome: Outcome }) {
  if (outcome.state === 'published')
    return (
      <p role="status" class={styles.ok}>
        Published{outcome.version ? ` as ${outcome.version}` : ''}
      </p>
    );
  if (outcome.state === 'rejected')
    return (
      <p role="status" class={styles.muted}>
        Rejected: the current version stays
      </p>
    );
  return (
    <p role="alert" class={styles.failed}>
      Not published: {outcome.message}
    </p>
  );
}
