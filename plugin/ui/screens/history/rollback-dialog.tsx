import { Button } from '@create-figma-plugin/ui';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VersionSummary } from '../../../../core/contract/api.js';
import { ApiError } from '../../api/errors.js';
import type { ApiClient } from '../../api/client.js';
import type { RollbackOut } from '../../../../core/contract/responses.js';
import { ErrorBanner } from '../../components/error-banner.js';
import styles from '../screens.module.css';

/**
 * Confirms a rollback. The server refuses one that would break code written against the
 * current version (422 with its reasons): they are shown, and the reviewer may roll back anyway.
 */
export function RollbackDialog({
  api,
  componentName,
  target,
  onDone,
  onCancel,
}: {
  api: ApiClient;
  componentName: string;
  target: VersionSummary;
  onDone: (result: RollbackOut) => void;
  onCancel: () => void;
}) {
  const [refusal, setRefusal] = useState<ApiError | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLDivElement>(null);

  useEffect(() => {
    first.current?.querySelector('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const run = async (force: boolean) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await api.rollback(target.componentId, target.id, force));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'incompatible_rollback') setRefusal(err);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const reasons = refusal ? ((refusal.details as { reasons?: string[] } | undefined)?.reasons ?? []) : [];
  return (
    <div class={styles.backdrop}>
      <div role="dialog" aria-modal="true" aria-labelledby="rollback-title" class={styles.dialog}>
        <h2 id="rollback-title">
          Roll back {componentName} to {target.version}?
        </h2>
        <p>
          A new version is published with {target.version}'s files and inputs. Nothing is deleted: the current version
          stays in the history.
        </p>
        {refusal && (
          <div role="alert" class={styles.errorList}>
            {reasons.length > 0 ? (
              <>
                <p>Refused: rolling back would break code written against the current version.</p>
                <ul>
                  {reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>Refused: {refusal.message}</p>
            )}
          </div>
        )}
        <ErrorBanner error={error} />
        <div class={styles.actions} ref={first}>
          {refusal ? (
            <Button danger loading={busy} onClick={() => void run(true)}>
              Roll back anyway
            </Button>
          ) : (
            <Button loading={busy} onClick={() => void run(false)}>
              Roll back
            </Button>
          )}
          <Button secondary onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </div>
    </div>
  );
}
