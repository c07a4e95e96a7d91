import { useEffect, useState } from 'preact/hooks';
import type { TokenSet } from '../../../../core/contract/tokens.js';
import { hasConflictMarkers } from '../../../../core/diff/conflict-markers.js';
import type { ApiClient } from '../../api/client.js';
import type { VersionDetailOut } from '../../../../core/contract/responses.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { ProgressLine } from '../../components/progress.js';
import { DiffViewer, type DiffFileInput } from '../../diff/index.js';
import { PreviewPanel } from '../../preview/preview-panel.js';
import { tokenChangeLine, versionArrow } from '../../format.js';
import { ConflictResolver } from './conflict-resolver.js';
import { isBreaking, type ReviewItem } from './review-item.js';

/** The diff of one proposal: its draft's files against the version it was generated from. */
export function ReviewPanel({
  item,
  api,
  readOnly,
  onResolved,
}: {
  item: ReviewItem;
  api: ApiClient;
  readOnly: boolean;
  onResolved: () => void;
}) {
  const { proposal } = item;
  const [state, setState] = useState<{ draft: VersionDetailOut; base: VersionDetailOut | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    (async () => {
      const draft = await api.version(proposal.draftVersionId);
      const base = draft.baseVersionId ? await api.version(draft.baseVersionId) : null;
      if (live) setState({ draft, base });
    })().catch((err) => live && setError(err));
    return () => {
      live = false;
    };
  }, [proposal.draftVersionId, reload]);

  if (error) return <ErrorBanner error={error} />;
  if (!state) return <ProgressLine label={`Loading the diff of ${proposal.componentName}`} />;

  const { draft, base } = state;
  const names = tokenNames(draft);
  const files = diffFiles(base, draft);
  const conflicted = draft.files.some((f) => hasConflictMarkers(f.content));
  const warnings = [
    ...(isBreaking(proposal)
      ? [
          {
            kind: 'breaking' as const,
            text: `Breaking change (${proposal.bump}): code written against ${proposal.fromVersion ?? 'the previous version'} may need changes.`,
          },
        ]
      : []),
    ...(conflicted
      ? [
          {
            kind: 'conflict' as const,
            text: "Merge conflicts with a developer's customization: resolve them below before accepting.",
          },
        ]
      : []),
    ...(draft.customized && !conflicted
      ? [
          {
            kind: 'customized' as const,
            text: "A developer's customizations were kept (merged into the regenerated files).",
          },
        ]
      : []),
    ...proposal.warnings.map((text) => ({ kind: 'info' as const, text })),
  ];

  const save = async (resolved: Array<{ path: string; content: string }>) => {
    setSaving(true);
    setError(null);
    try {
      await api.replaceFiles(draft.id, resolved);
      setReload((n) => n + 1);
      onResolved();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <DiffViewer
        title={`${proposal.componentName} ${versionArrow(proposal)}`}
        files={files}
        tokenChanges={proposal.tokenChanges.map((c) => ({ text: tokenChangeLine(c, names) }))}
        warnings={warnings}
        preview={() => <PreviewPanel api={api} before={base?.id ?? null} after={draft.id} record={!readOnly} />}
      />
      {conflicted && !readOnly && <ConflictResolver files={draft.files} onSave={save} busy={saving} />}
    </div>
  );
}

function diffFiles(base: VersionDetailOut | null, draft: VersionDetailOut): DiffFileInput[] {
  const before = new Map((base?.files ?? []).map((f) => [f.path, f.content]));
  const after = new Map(draft.files.map((f) => [f.path, f.content]));
  return [...new Set([...before.keys(), ...after.keys()])].map((path) => ({
    path,
    before: before.get(path) ?? null,
    after: after.get(path) ?? null,
  }));
}

/** Token ids → names, from the tokens the draft was generated from (aliases show as {name}). */
function tokenNames(draft: VersionDetailOut): (id: string) => string | undefined {
  const tokens = (draft as VersionDetailOut & { tokens?: TokenSet }).tokens;
  const byId = new Map((Array.isArray(tokens?.tokens) ? tokens.tokens : []).map((t) => [t.id, t.name]));
  return (id) => byId.get(id);
}
