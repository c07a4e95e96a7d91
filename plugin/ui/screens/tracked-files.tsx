import { Button } from '@create-figma-plugin/ui';
import { useEffect, useState } from 'preact/hooks';
import type { TrackedFileOut } from '../../../core/contract/responses.js';
import { Badge, type Tone } from '../components/badge.js';
import { ErrorBanner } from '../components/error-banner.js';
import { relativeTime } from '../format.js';
import type { Session } from '../session.js';
import styles from './screens.module.css';

const STATUS: Record<TrackedFileOut['status'], { label: string; tone: Tone }> = {
  active: { label: 'Active', tone: 'success' },
  design_refused: { label: 'Design refused', tone: 'warning' },
  credentials_broken: { label: 'Token refused', tone: 'danger' },
  not_found: { label: 'Not found', tone: 'danger' },
  deleted: { label: 'Deleted in Figma', tone: 'danger' },
};

/**
 * The Figma files the server polls (POST /projects/:id/files tracks one): per file its status
 * and the reason when it is not simply active, and what its last check warned about, which is
 * otherwise only seen in the drafts it made.
 */
export function TrackedFilesSection({ session }: { session: Session }) {
  const [files, setFiles] = useState<TrackedFileOut[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    setError(null);
    session.api.trackedFiles(session.me.project.id).then((list) => setFiles(list.items), setError);
  }, [reload]);

  return (
    <section aria-labelledby="tracked-files-title" class={styles.section}>
      <div class={styles.sectionBar}>
        <h2 id="tracked-files-title" class={styles.heading}>
          Tracked files
        </h2>
        <Button secondary onClick={() => setReload((n) => n + 1)}>
          Refresh tracked files
        </Button>
      </div>
      <p class={styles.muted}>
        Figma files the server checks on its own (polling and webhooks); their changes become drafts under each
        component's policy.
      </p>
      <ErrorBanner error={error} />
      {!files ? null : files.length === 0 ? (
        <p class={styles.muted}>No Figma file is tracked.</p>
      ) : (
        <ul aria-label="Tracked files" class={styles.proposals}>
          {files.map((f) => {
            const status = STATUS[f.status] ?? { label: f.status, tone: 'neutral' as const };
            const name = f.name ?? f.fileKey;
            return (
              <li key={f.id} class={styles.proposal} aria-label={name}>
                <div class={styles.proposalHead}>
                  <strong>{name}</strong>
                  <Badge tone={status.tone}>{status.label}</Badge>
                  {f.rateLimitedUntil && Date.parse(f.rateLimitedUntil) > Date.now() && (
                    <Badge tone="warning" title={`Figma asked to wait until ${f.rateLimitedUntil}`}>
                      Rate-limited
                    </Badge>
                  )}
                </div>
                {f.statusReason && <p class={f.status === 'active' ? styles.muted : styles.failed}>{f.statusReason}</p>}
                <p class={styles.meta}>
                  {[
                    f.fileKey,
                    f.lastFileVersion ? `version ${f.lastFileVersion}` : 'not read yet',
                    f.lastCheckedAt ? `checked ${relativeTime(f.lastCheckedAt)}` : null,
                    `every ${interval(f.pollIntervalSeconds)}`,
                    `policy ${f.policy}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                {f.lastWarnings.length > 0 ? (
                  <details class={styles.warnings}>
                    <summary>
                      {f.lastWarnings.length === 1 ? '1 warning' : `${f.lastWarnings.length} warnings`} from the last
                      check
                    </summary>
                    <ul>
                      {f.lastWarnings.map((w, i) => (
                        <li key={i}>{w}</li>
                      ))}
                    </ul>
                  </details>
                ) : (
                  f.lastFileVersion && <p class={styles.muted}>No warnings from the last check.</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function interval(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} h`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} min`;
  return `${seconds} s`;
}
