import { Button } from '@create-figma-plugin/ui';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/errors.js';
import type { DraftOut } from '../../../../core/contract/responses.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { ProgressLine } from '../../components/progress.js';
import { canWrite, type Session } from '../../session.js';
import styles from '../screens.module.css';
import type { DecideFn, Outcome } from './review-item.js';
import { ProposalList } from './proposal-list.js';

/** Browser: the drafts waiting for review across the project, accepted (published) or rejected one by one. */
export function DraftsView({ session }: { session: Session }) {
  const [drafts, setDrafts] = useState<DraftOut[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    setError(null);
    session.api.drafts(session.me.project.id).then((d) => setDrafts(d.drafts), setError);
  }, [reload]);

  const decide: DecideFn = async (ids, decision) => {
    const outcomes = new Map<string, Outcome>();
    for (const id of ids) {
      const draft = drafts?.find((d) => d.proposal.componentId === id);
      if (!draft) continue;
      try {
        if (decision === 'accept') {
          const v = await session.api.publish(draft.proposal.draftVersionId);
          outcomes.set(id, { state: 'published', version: v.version });
        } else {
          await session.api.reject(draft.proposal.draftVersionId);
          outcomes.set(id, { state: 'rejected' });
        }
      } catch (err) {
        outcomes.set(id, {
          state: 'failed',
          message: err instanceof Error ? err.message : String(err),
          ...(err instanceof ApiError && err.code ? { code: err.code } : {}),
        });
      }
    }
    return outcomes;
  };

  if (error) return <ErrorBanner error={error} />;
  if (!drafts) return <ProgressLine label="Loading the drafts waiting for review" />;
  return (
    <div>
      <div class={styles.syncBar}>
        <h2 class={styles.heading}>Waiting for review</h2>
        <Button secondary onClick={() => setReload((n) => n + 1)}>
          Refresh
        </Button>
      </div>
      {drafts.length === 0 ? (
        <p class={styles.upToDate} role="status">
          Everything is up to date
        </p>
      ) : (
        <ProposalList
          items={drafts.map((d) => ({ proposal: d.proposal, hasConflicts: d.hasConflicts }))}
          api={session.api}
          decide={decide}
          readOnly={!canWrite(session)}
        />
      )}
    </div>
  );
}
