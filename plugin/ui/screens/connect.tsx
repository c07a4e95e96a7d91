import { Button } from '@create-figma-plugin/ui';
import { useState } from 'preact/hooks';
import { ErrorBanner } from '../components/error-banner.js';
import type { Host } from '../host/index.js';
import { connect, type Session } from '../session.js';
import styles from './screens.module.css';

/**
 * Figma: server URL and API token, saved with Test connection. Browser (/app): the API token
 * only (the server is this page's), with Sign in.
 */
export function Connect({
  host,
  initial,
  initialError,
  onConnected,
}: {
  host: Host;
  initial: { serverUrl: string; token: string } | null;
  initialError?: unknown;
  onConnected: (session: Session) => void;
}) {
  const inFigma = host.kind === 'figma';
  const [serverUrl, setServerUrl] = useState(
    initial?.serverUrl || (inFigma ? 'http://localhost:3000' : window.location.origin),
  );
  const [token, setToken] = useState(initial?.token ?? '');
  const [error, setError] = useState<unknown>(initialError ?? null);
  const [busy, setBusy] = useState(false);

  const submit = async (event?: Event) => {
    event?.preventDefault();
    setError(null);
    const settings = { serverUrl: serverUrl.trim(), token: token.trim() };
    if (!/^https?:\/\/[^\s]+$/.test(settings.serverUrl))
      return setError(new Error('Enter the server URL, e.g. http://localhost:3000'));
    if (!settings.token)
      return setError(
        new Error(
          'Enter an API token (the server prints the first one when it starts; more are issued with POST /api/v1/projects/:id/tokens)',
        ),
      );
    setBusy(true);
    try {
      await host.saveSettings(settings);
      onConnected(await connect(settings));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class={styles.connect} onSubmit={submit} aria-labelledby="connect-title">
      <h1 id="connect-title" class={styles.title}>
        {inFigma ? 'Connect to your design-sync server' : 'Sign in to design-sync'}
      </h1>
      <p class={styles.muted}>
        {inFigma
          ? 'Components and tokens of this file are synced to the server; you review every change here before it is published.'
          : 'Review pending drafts, browse history, compare, roll back and download versions.'}
      </p>
      {inFigma && (
        <label class={styles.field}>
          <span>Server URL</span>
          <input
            type="url"
            value={serverUrl}
            onInput={(e) => setServerUrl((e.target as HTMLInputElement).value)}
            autoComplete="url"
            spellcheck={false}
          />
        </label>
      )}
      <label class={styles.field}>
        <span>API token</span>
        <input
          type="password"
          value={token}
          onInput={(e) => setToken((e.target as HTMLInputElement).value)}
          autoComplete="off"
          spellcheck={false}
        />
      </label>
      <ErrorBanner error={error} />
      <Button fullWidth loading={busy}>
        {inFigma ? 'Test connection' : 'Sign in'}
      </Button>
    </form>
  );
}
