import { Button } from '@create-figma-plugin/ui';
import { useEffect, useState } from 'preact/hooks';
import type { SyncResult } from '../../../../core/contract/sync.js';
import type { Extraction, FileInfo, Progress } from '../../../messages.js';
import { syncChanged } from '../../api/sync-request.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { ProgressLine } from '../../components/progress.js';
import type { Host } from '../../host/index.js';
import { canWrite, type Session } from '../../session.js';
import styles from '../screens.module.css';
import type { DecideFn, Outcome } from './review-item.js';
import { ProposalList } from './proposal-list.js';
import { RejectedEarlierLine } from './rejected-earlier.js';

type Phase =
  | { kind: 'idle' }
  | { kind: 'extracting'; progress: Progress | null }
  | { kind: 'sending'; extraction: Extraction }
  | { kind: 'done'; extraction: Extraction; result: SyncResult & { warnings: string[] }; snapshot: string | null };

/** Figma: Sync reads the file, sends it, and shows what the server proposes, for review. */
export function SyncView({ host, session }: { host: Host; session: Session }) {
  const [file, setFile] = useState<FileInfo | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    host.fileInfo().then(setFile, setError);
  }, []);

  const sync = async () => {
    if (!file?.fileKey) return;
    setError(null);
    setPhase({ kind: 'extracting', progress: null });
    let extraction: Extraction | null = null;
    try {
      extraction = await host.extract((progress) => setPhase({ kind: 'extracting', progress }));
      setPhase({ kind: 'sending', extraction });
      const result = await syncChanged(session.api, session.me.project.id, {
        ...extraction.request,
        fileKey: file.fileKey,
      });
      setPhase({ kind: 'done', extraction, result, snapshot: null });
      // The server's poller reads the file through this snapshot (DESIGN.md "Plugin snapshot").
      host.writeSnapshot(new Date().toISOString()).then(
        (s) =>
          setPhase((current) =>
            current.kind === 'done'
              ? {
                  ...current,
                  snapshot: `Snapshot saved in the file (${s.chunks} ${s.chunks === 1 ? 'part' : 'parts'})`,
                }
              : current,
          ),
        (err: unknown) =>
          setPhase((current) =>
            current.kind === 'done'
              ? {
                  ...current,
                  snapshot: `The snapshot could not be saved in the file: ${err instanceof Error ? err.message : String(err)}`,
                }
              : current,
          ),
      );
    } catch (err) {
      setError(err);
      setPhase(extraction ? { kind: 'idle' } : { kind: 'idle' });
    }
  };

  const decide: DecideFn = async (ids, decision) => {
    if (phase.kind !== 'done') return new Map();
    const answer = await session.api.decide(
      phase.result.syncId,
      ids.map((componentId) => ({ componentId, decision })),
    );
    const outcomes = new Map<string, Outcome>();
    for (const r of answer.results) {
      outcomes.set(
        r.componentId,
        r.ok
          ? r.decision === 'accept'
            ? { state: 'published', version: r.version }
            : { state: 'rejected' }
          : { state: 'failed', message: r.error?.message ?? r.status, ...(r.error ? { code: r.error.code } : {}) },
      );
    }
    const published = answer.results.filter((r) => r.ok && r.decision === 'accept').length;
    if (published) host.notify(`${published} ${published === 1 ? 'component' : 'components'} published`);
    return outcomes;
  };

  if (!file) return error ? <ErrorBanner error={error} /> : <ProgressLine label="Reading the file" />;
  if (!file.fileKey) return <FileUrlPrompt host={host} onSaved={setFile} />;
  const working = phase.kind === 'extracting' || phase.kind === 'sending';

  return (
    <div>
      <div class={styles.syncBar}>
        <Button onClick={() => void sync()} loading={working} disabled={!canWrite(session)}>
          Sync
        </Button>
        <span class={styles.muted}>{file.fileName}</span>
      </div>
      {phase.kind === 'extracting' && (
        <ProgressLine
          label={phase.progress?.message ?? 'Reading the file'}
          done={phase.progress?.done}
          total={phase.progress?.total}
        />
      )}
      {phase.kind === 'sending' && (
        <ProgressLine
          label={`Sending ${phase.extraction.counts.components} components and ${phase.extraction.request.tokens.tokens.length} tokens; the server regenerates what changed`}
        />
      )}
      <ErrorBanner error={error} />
      {phase.kind === 'done' && <SyncOutcome host={host} session={session} phase={phase} decide={decide} />}
    </div>
  );
}

function SyncOutcome({
  session,
  phase,
  decide,
}: {
  host: Host;
  session: Session;
  phase: Extract<Phase, { kind: 'done' }>;
  decide: DecideFn;
}) {
  const { result, extraction } = phase;
  const warnings = [...extraction.warnings, ...result.warnings];
  // Absent from servers older than the field.
  const rejected = result.rejectedEarlier ?? [];
  return (
    <div>
      {result.proposals.length === 0 && result.errors.length === 0 && rejected.length === 0 ? (
        <p class={styles.upToDate} role="status">
          Everything is up to date
        </p>
      ) : (
        <p class={styles.muted} role="status">
          {result.proposals.length} {result.proposals.length === 1 ? 'component changed' : 'components changed'},{' '}
          {result.unchanged} unchanged
          {result.errors.length ? `, ${result.errors.length} failed` : ''}
          {rejected.length ? `, ${rejected.length} rejected earlier` : ''}.
        </p>
      )}
      {result.errors.length > 0 && (
        <div role="alert" class={styles.errorList}>
          <p>These components could not be regenerated:</p>
          <ul>
            {result.errors.map((e) => (
              <li key={e.componentId}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <details class={styles.warnings}>
          <summary>
            {warnings.length} {warnings.length === 1 ? 'warning' : 'warnings'} while reading the file
          </summary>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      )}
      <RejectedEarlierLine items={rejected} />
      {result.proposals.length > 0 && (
        <ProposalList
          items={result.proposals.map((proposal) => ({ proposal, hasConflicts: proposal.hasConflicts === true }))}
          api={session.api}
          decide={decide}
          readOnly={!canWrite(session)}
        />
      )}
      {phase.snapshot && <p class={styles.muted}>{phase.snapshot}</p>}
    </div>
  );
}

/** A public plugin does not know the file's key: asked once, kept with the document. */
function FileUrlPrompt({ host, onSaved }: { host: Host; onSaved: (file: FileInfo) => void }) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState<unknown>(null);
  const save = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      onSaved(await host.setFileUrl(url));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={save} class={styles.connect}>
      <p>
        The plugin cannot read this file's key by itself. Paste the file's link once (Share → Copy link); it is kept
        with the file.
      </p>
      <label class={styles.field}>
        <span>Figma file URL</span>
        <input
          type="url"
          value={url}
          placeholder="https://www.figma.com/design/…"
          onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
        />
      </label>
      <ErrorBanner error={error} />
      <Button>Save file URL</Button>
    </form>
  );
}
