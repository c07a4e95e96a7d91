import { useEffect, useState } from 'preact/hooks';
import type { Settings } from '../messages.js';
import { ErrorBoundary } from './components/error-boundary.js';
import { ProgressLine } from './components/progress.js';
import { Tabs } from './components/tabs.js';
import { HostContext } from './host/context.js';
import type { Host } from './host/index.js';
import { Connect } from './screens/connect.js';
import { HistoryView } from './screens/history/history-view.js';
import { DraftsView } from './screens/review/drafts-view.js';
import { SyncView } from './screens/review/sync-view.js';
import { SettingsView } from './screens/settings-view.js';
import styles from './app.module.css';
import { canWrite, connect, type Session } from './session.js';

type TabId = 'review' | 'history' | 'settings';
const TABS = [
  { id: 'review' as const, label: 'Review' },
  { id: 'history' as const, label: 'History' },
  { id: 'settings' as const, label: 'Settings' },
];

/** Connect first (or sign in), then Review, History and Settings. */
export function App({ host }: { host: Host }) {
  const [boot, setBoot] = useState<{ settings: Settings | null; error: unknown } | null>(null);
  const [session, setSession] = useState<Session | null>(null);
  const [tab, setTab] = useState<TabId>('review');

  useEffect(() => {
    void (async () => {
      const settings = await host.loadSettings().catch(() => null);
      if (settings?.serverUrl && settings.token) {
        try {
          setSession(await connect(settings));
        } catch (error) {
          // A saved connection that no longer works: show why, with the fields filled in.
          setBoot({ settings, error });
          return;
        }
      }
      setBoot({ settings, error: null });
    })();
  }, []);

  const signOut = async () => {
    if (host.kind === 'browser') await host.forgetSettings();
    setBoot({ settings: host.kind === 'figma' ? (session?.settings ?? null) : null, error: null });
    setSession(null);
  };

  if (!session && !boot)
    return (
      <main class={styles.app}>
        <ProgressLine label="Connecting" />
      </main>
    );
  if (!session) {
    return (
      <main class={styles.app}>
        <Connect
          host={host}
          initial={boot?.settings ?? null}
          initialError={boot?.error}
          onConnected={(s) => {
            setSession(s);
            setTab('review');
          }}
        />
      </main>
    );
  }
  return (
    <main class={styles.app}>
      <header class={styles.header}>
        <span class={styles.brand}>design-sync</span>
        <span class={styles.project} title={session.settings.serverUrl}>
          Project {session.me.project.name}
        </span>
      </header>
      {!canWrite(session) && (
        <p class={styles.notice} role="status">
          This API token is read-only: you can browse the history, but syncing and reviewing need a token with the write
          scope (Settings → Change connection).
        </p>
      )}
      <Tabs
        tabs={TABS}
        current={tab}
        onSelect={setTab}
        panels={(id) => (
          <HostContext.Provider value={host}>
            <ErrorBoundary>
              {id === 'review' &&
                (host.kind === 'figma' ? <SyncView host={host} session={session} /> : <DraftsView session={session} />)}
              {id === 'history' && <HistoryView host={host} session={session} active={tab === 'history'} />}
              {id === 'settings' && <SettingsView host={host} session={session} onSignOut={() => void signOut()} />}
            </ErrorBoundary>
          </HostContext.Provider>
        )}
      />
    </main>
  );
}
