import { Button } from '@create-figma-plugin/ui';
import { useEffect, useState } from 'preact/hooks';
import type { VersionSummary } from '../../../../core/contract/api.js';
import { TRIGGERS, VERSION_STATUSES } from '../../../../core/contract/enums.js';
import type { ComponentOut, VersionDetailOut } from '../../../../core/contract/responses.js';
import type { HistoryFilters } from '../../api/client.js';
import { Badge } from '../../components/badge.js';
import { CodeView } from '../../components/code-view.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { ProgressLine } from '../../components/progress.js';
import { DiffViewer } from '../../diff/index.js';
import { PreviewPanel } from '../../preview/preview-panel.js';
import { relativeTime } from '../../format.js';
import type { Host } from '../../host/index.js';
import { canWrite, type Session } from '../../session.js';
import styles from '../screens.module.css';
import { Dependencies } from './dependencies.js';
import { laneOrder, Lanes } from './lanes.js';
import { RollbackDialog } from './rollback-dialog.js';

const STATUS_TONE = {
  published: 'success',
  draft: 'brand',
  rejected: 'neutral',
  superseded: 'neutral',
  archived: 'neutral',
} as const;

type Panel =
  | { kind: 'compare'; from: VersionDetailOut; to: VersionDetailOut }
  | { kind: 'code'; version: VersionDetailOut }
  | null;

/** Per component: its versions as a timeline with branches as lanes, filters, compare, code, rollback, tags, downloads. */
export function HistoryView({ host, session, active = true }: { host: Host; session: Session; active?: boolean }) {
  const [components, setComponents] = useState<ComponentOut[] | null>(null);
  const [componentId, setComponentId] = useState('');
  const [filters, setFilters] = useState<HistoryFilters>({});
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [panel, setPanel] = useState<Panel>(null);
  const [rollbackTarget, setRollbackTarget] = useState<VersionSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);

  // Read again whenever the tab is shown: a review elsewhere may have published or rejected since.
  useEffect(() => {
    if (!active) return;
    session.api.components(session.me.project.id).then((list) => {
      const sorted = [...list].sort((a, b) => a.name.localeCompare(b.name));
      setComponents(sorted);
      setComponentId((current) => current || sorted[0]?.id || '');
    }, setError);
    setReload((n) => n + 1);
  }, [active]);

  useEffect(() => {
    if (!componentId) return;
    let live = true;
    setVersions(null);
    setError(null);
    const query: HistoryFilters = {
      ...filters,
      from: filters.from ? new Date(`${filters.from}T00:00:00`).toISOString() : '',
      to: filters.to ? new Date(`${filters.to}T23:59:59.999`).toISOString() : '',
    };
    session.api.history(componentId, query).then(
      (page) => live && setVersions(page.items),
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [componentId, filters, reload]);

  const component = components?.find((c) => c.id === componentId);

  const toggleCompare = async (v: VersionSummary) => {
    const next = selected.includes(v.id) ? selected.filter((id) => id !== v.id) : [...selected, v.id].slice(-2);
    setSelected(next);
    if (next.length !== 2) return;
    setError(null);
    try {
      const [a, b] = await Promise.all(next.map((id) => session.api.version(id)));
      // Older on the left, newer on the right, whichever was picked first.
      const [from, to] = a!.createdAt <= b!.createdAt ? [a!, b!] : [b!, a!];
      setPanel({ kind: 'compare', from, to });
    } catch (err) {
      setError(err);
    }
  };

  const showCode = async (v: VersionSummary) => {
    setError(null);
    try {
      setPanel({ kind: 'code', version: await session.api.version(v.id) });
    } catch (err) {
      setError(err);
    }
  };

  const download = async (v: VersionSummary) => {
    setError(null);
    try {
      host.saveFile(
        `${(component?.name ?? 'component').replace(/[^A-Za-z0-9._-]+/g, '-')}-${v.version}.zip`,
        await session.api.download(v.id),
      );
      setNotice(`Downloaded ${component?.name} ${v.version}`);
    } catch (err) {
      setError(err);
    }
  };

  const tag = async (v: VersionSummary, name: string, remove = false) => {
    setError(null);
    try {
      if (remove) await session.api.removeTag(v.id, name);
      else await session.api.addTag(v.id, name);
      setReload((n) => n + 1);
    } catch (err) {
      setError(err);
    }
  };

  if (!components) return error ? <ErrorBanner error={error} /> : <ProgressLine label="Loading components" />;
  if (components.length === 0) return <p class={styles.muted}>No components yet: sync a file first.</p>;
  const lanes = laneOrder(versions ?? []);
  const writable = canWrite(session);

  return (
    <div>
      <div class={styles.filters}>
        <label class={styles.field}>
          <span>Component</span>
          <select
            value={componentId}
            onChange={(e) => {
              setComponentId((e.target as HTMLSelectElement).value);
              setSelected([]);
              setPanel(null);
              setNotice(null);
            }}
          >
            {components.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.currentVersion ? ` (${c.currentVersion.version})` : ''}
              </option>
            ))}
          </select>
        </label>
        <details class={styles.filterMore}>
          <summary>Filters</summary>
          <div class={styles.filterGrid}>
            <label class={styles.field}>
              <span>From</span>
              <input
                type="date"
                value={filters.from ?? ''}
                onChange={(e) => setFilters({ ...filters, from: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label class={styles.field}>
              <span>To</span>
              <input
                type="date"
                value={filters.to ?? ''}
                onChange={(e) => setFilters({ ...filters, to: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label class={styles.field}>
              <span>Author</span>
              <input
                type="text"
                value={filters.author ?? ''}
                onChange={(e) => setFilters({ ...filters, author: (e.target as HTMLInputElement).value.trim() })}
              />
            </label>
            <label class={styles.field}>
              <span>Tag</span>
              <input
                type="text"
                value={filters.tag ?? ''}
                onChange={(e) => setFilters({ ...filters, tag: (e.target as HTMLInputElement).value.trim() })}
              />
            </label>
            <label class={styles.field}>
              <span>Trigger</span>
              <select
                value={filters.trigger ?? ''}
                onChange={(e) =>
                  setFilters({
                    ...filters,
                    trigger: (e.target as HTMLSelectElement).value as HistoryFilters['trigger'],
                  })
                }
              >
                <option value="">any</option>
                {TRIGGERS.map((t) => (
                  <option key={t} value={t}>
                    {t.replace('_', ' ')}
                  </option>
                ))}
              </select>
            </label>
            <label class={styles.field}>
              <span>Status</span>
              <select
                value={filters.status ?? ''}
                onChange={(e) =>
                  setFilters({ ...filters, status: (e.target as HTMLSelectElement).value as HistoryFilters['status'] })
                }
              >
                <option value="">all but archived</option>
                {VERSION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </details>
      </div>
      <Dependencies
        session={session}
        componentId={componentId}
        reload={reload}
        onSelect={(id) => {
          setComponentId(id);
          setSelected([]);
          setPanel(null);
          setNotice(null);
        }}
      />
      <ErrorBanner error={error} />
      {notice && (
        <p role="status" class={styles.muted}>
          {notice}
        </p>
      )}
      {selected.length === 1 && (
        <p class={styles.muted} role="status">
          Pick another version to compare with.
        </p>
      )}
      {!versions ? (
        <ProgressLine label="Loading history" />
      ) : versions.length === 0 ? (
        <p class={styles.muted}>No version matches these filters.</p>
      ) : (
        <ul
          aria-label="Versions"
          class={styles.timeline}
          style={{
            '--lane-0': 'var(--figma-color-bg-brand)',
            '--lane-1': 'var(--figma-color-bg-component)',
            '--lane-2': 'var(--figma-color-bg-success)',
            '--lane-3': 'var(--figma-color-bg-warning)',
          }}
        >
          {versions.map((v) => (
            <VersionItem
              key={v.id}
              v={v}
              lanes={lanes}
              current={component?.currentVersion?.id === v.id}
              selected={selected.includes(v.id)}
              writable={writable}
              onCompare={() => void toggleCompare(v)}
              onCode={() => void showCode(v)}
              onRollback={() => setRollbackTarget(v)}
              onDownload={() => void download(v)}
              onTag={(name, remove) => void tag(v, name, remove)}
            />
          ))}
        </ul>
      )}
      {panel?.kind === 'compare' && (
        <div class={styles.review}>
          <div class={styles.toolbar}>
            <Button
              secondary
              onClick={() => {
                setPanel(null);
                setSelected([]);
              }}
            >
              Close comparison
            </Button>
          </div>
          <DiffViewer
            title={`${component?.name ?? ''} ${panel.from.version} → ${panel.to.version}`}
            files={[...new Set([...panel.from.files.map((f) => f.path), ...panel.to.files.map((f) => f.path)])].map(
              (path) => ({
                path,
                before: panel.from.files.find((f) => f.path === path)?.content ?? null,
                after: panel.to.files.find((f) => f.path === path)?.content ?? null,
              }),
            )}
            tokenChanges={panel.to.summary.map((text) => ({ text }))}
            preview={() => (
              <PreviewPanel api={session.api} before={panel.from.id} after={panel.to.id} record={writable} />
            )}
          />
        </div>
      )}
      {panel?.kind === 'code' && (
        <div class={styles.review}>
          <div class={styles.toolbar}>
            <Button secondary onClick={() => setPanel(null)}>
              Close code
            </Button>
          </div>
          <CodeView title={`${component?.name ?? ''} ${panel.version.version}`} files={panel.version.files} />
        </div>
      )}
      {rollbackTarget && component && (
        <RollbackDialog
          api={session.api}
          componentName={component.name}
          target={rollbackTarget}
          onCancel={() => setRollbackTarget(null)}
          onDone={(r) => {
            setRollbackTarget(null);
            setNotice(
              `Rolled back: ${r.version.version} now has ${r.rolledBackTo.version}'s code${r.warnings.length ? ` (${r.warnings.join('; ')})` : ''}`,
            );
            setComponents(
              (list) => list && list.map((c) => (c.id === component.id ? { ...c, currentVersion: r.version } : c)),
            );
            setReload((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}

function VersionItem({
  v,
  lanes,
  current,
  selected,
  writable,
  onCompare,
  onCode,
  onRollback,
  onDownload,
  onTag,
}: {
  v: VersionSummary;
  lanes: string[];
  current: boolean;
  selected: boolean;
  writable: boolean;
  onCompare: () => void;
  onCode: () => void;
  onRollback: () => void;
  onDownload: () => void;
  onTag: (name: string, remove?: boolean) => void;
}) {
  const [tagging, setTagging] = useState(false);
  const [tagName, setTagName] = useState('');
  return (
    <li
      class={`${styles.version} ${selected ? styles.selected : ''}`}
      aria-label={`${v.version} ${v.status}${current ? ', current' : ''}`}
    >
      <Lanes lanes={lanes} branch={v.branch} />
      <div class={styles.versionBody}>
        <div class={styles.proposalHead}>
          <strong>{v.version}</strong>
          <Badge tone={STATUS_TONE[v.status]}>{v.status}</Badge>
          {current && <Badge tone="success">current</Badge>}
          {v.branch !== 'main' && <Badge tone="brand">{v.branch}</Badge>}
          {v.tags.map((t) => (
            <span key={t} class={styles.tag}>
              {t}
              {writable && (
                <button type="button" aria-label={`Remove tag ${t} from ${v.version}`} onClick={() => onTag(t, true)}>
                  ×
                </button>
              )}
            </span>
          ))}
        </div>
        <p class={styles.meta}>
          {v.trigger.replace('_', ' ')} · {v.createdBy} ·{' '}
          <time dateTime={v.createdAt} title={new Date(v.createdAt).toLocaleString()}>
            {relativeTime(v.createdAt)}
          </time>
          {fidelityOf(v) && (
            <>
              {' · '}
              <span title="Layers of the preview where the design has them">{fidelityOf(v)}</span>
            </>
          )}
        </p>
        {v.summary.length > 0 && (
          <ul class={styles.reasons}>
            {v.summary.slice(0, 3).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        )}
        <div class={styles.actions}>
          <Button secondary aria-pressed={selected} onClick={onCompare}>{`Compare ${v.version}`}</Button>
          <Button secondary onClick={onCode}>{`Code of ${v.version}`}</Button>
          <Button secondary onClick={onDownload}>{`Download ${v.version}`}</Button>
          {writable && !current && (v.status === 'published' || v.status === 'archived') && (
            <Button secondary onClick={onRollback}>{`Roll back to ${v.version}`}</Button>
          )}
          {writable && (
            <Button secondary onClick={() => setTagging(!tagging)} aria-expanded={tagging}>{`Tag ${v.version}`}</Button>
          )}
        </div>
        {tagging && (
          <form
            class={styles.inline}
            onSubmit={(e) => {
              e.preventDefault();
              if (tagName.trim()) {
                onTag(tagName.trim());
                setTagName('');
                setTagging(false);
              }
            }}
          >
            <label class={styles.field}>
              <span>Tag name</span>
              <input
                type="text"
                value={tagName}
                placeholder="stable"
                onInput={(e) => setTagName((e.target as HTMLInputElement).value)}
              />
            </label>
            <Button>Add tag</Button>
          </form>
        )}
      </div>
    </li>
  );
}

/** "Layout 46/48" when the version's fidelity was measured (a review records it). */
function fidelityOf(v: VersionSummary): string | null {
  const f = (v as VersionSummary & { fidelity?: { matched: number; total: number } | null }).fidelity;
  // 0 of 0: a version without layer trees has nothing measured, which is not a figure.
  return f && typeof f.matched === 'number' && typeof f.total === 'number' && f.total > 0
    ? `Layout ${f.matched}/${f.total}`
    : null;
}
