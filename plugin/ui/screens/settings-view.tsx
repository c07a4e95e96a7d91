import { Button } from '@create-figma-plugin/ui';
import { useEffect, useState } from 'preact/hooks';
import type { Policy } from '../../../core/contract/api.js';
import type { FileInfo } from '../../messages.js';
import type { ComponentOut, PatternOut } from '../../../core/contract/responses.js';
import { ErrorBanner } from '../components/error-banner.js';
import type { Host } from '../host/index.js';
import { canWrite, type Session } from '../session.js';
import styles from './screens.module.css';
import { TrackedFilesSection } from './tracked-files.js';

const POLICIES: Array<{ id: Policy; label: string }> = [
  { id: 'notify', label: 'notify: draft + notification' },
  { id: 'auto', label: 'auto: publish non-breaking' },
  { id: 'manual', label: 'manual: record only' },
];

/** The connection, the file, and per-component pattern and policy overrides (PATCH /components/:id). */
export function SettingsView({ host, session, onSignOut }: { host: Host; session: Session; onSignOut: () => void }) {
  const [file, setFile] = useState<FileInfo | null>(null);
  const [components, setComponents] = useState<ComponentOut[] | null>(null);
  const [patterns, setPatterns] = useState<PatternOut[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    host.fileInfo().then(setFile, () => undefined);
    session.api
      .components(session.me.project.id)
      .then((list) => setComponents([...list].sort((a, b) => a.name.localeCompare(b.name))), setError);
    session.api.patterns().then(
      (p) => setPatterns([...p.items]),
      () => undefined,
    );
  }, []);

  const update = async (c: ComponentOut, patch: { policy?: Policy; pattern?: string | null }) => {
    setError(null);
    setSaved(null);
    try {
      const next = await session.api.updateComponent(c.id, patch);
      setComponents((list) => list && list.map((x) => (x.id === c.id ? next : x)));
      setSaved(
        `${c.name}: ${patch.policy ? `policy ${patch.policy}` : `pattern ${patch.pattern ?? 'chosen automatically'}`} saved; it applies from the next sync`,
      );
    } catch (err) {
      setError(err);
    }
  };

  const writable = canWrite(session);
  return (
    <div>
      <section aria-labelledby="connection-title" class={styles.section}>
        <h2 id="connection-title" class={styles.heading}>
          Connection
        </h2>
        <dl class={styles.facts}>
          <dt>Server</dt>
          <dd>{session.settings.serverUrl}</dd>
          <dt>Project</dt>
          <dd>{session.me.project.name}</dd>
          <dt>Token</dt>
          <dd>
            {session.me.token.name} ({session.me.token.prefix}…, {session.me.token.scope})
          </dd>
          {file && (
            <>
              <dt>File</dt>
              <dd>
                {file.fileName}
                {file.fileKey ? ` (${file.fileKey})` : ''}
              </dd>
            </>
          )}
        </dl>
        <Button secondary onClick={onSignOut}>
          {host.kind === 'figma' ? 'Change connection' : 'Sign out'}
        </Button>
      </section>
      <section aria-labelledby="overrides-title" class={styles.section}>
        <h2 id="overrides-title" class={styles.heading}>
          Components
        </h2>
        <p class={styles.muted}>
          The pattern decides the generated markup; the policy what happens when the design changes without a designer
          present (Figma polling and webhooks).
        </p>
        <ErrorBanner error={error} />
        {saved && (
          <p role="status" class={styles.ok}>
            {saved}
          </p>
        )}
        {!components ? null : components.length === 0 ? (
          <p class={styles.muted}>No components yet.</p>
        ) : (
          <table class={styles.table}>
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col">Pattern</th>
                <th scope="col">Policy</th>
              </tr>
            </thead>
            <tbody>
              {components.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <select
                      aria-label={`Pattern of ${c.name}`}
                      disabled={!writable}
                      value={c.pattern ?? ''}
                      onChange={(e) => void update(c, { pattern: (e.target as HTMLSelectElement).value || null })}
                    >
                      <option value="">automatic</option>
                      {patterns.map((p) => (
                        <option key={p.id} value={p.id} title={p.description}>
                          {p.id}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={`Policy of ${c.name}`}
                      disabled={!writable}
                      value={c.policy}
                      onChange={(e) => void update(c, { policy: (e.target as HTMLSelectElement).value as Policy })}
                    >
                      {POLICIES.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.label}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <TrackedFilesSection session={session} />
    </div>
  );
}
