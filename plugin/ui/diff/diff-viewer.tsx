import type { JSX } from 'preact';
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import styles from './diff.module.css';
import './syntax.css';
import { highlightLines, languageOf, markRange } from './highlight.js';
import {
  modelCache,
  splitRows,
  unifiedRows,
  type CollapsedRow,
  type FileModel,
  type LineKind,
  type Range,
  type SplitCell,
} from './rows.js';
import type { DiffTooLarge, FileDiffStatus } from '../../../core/diff/types.js';
import type { DiffView, DiffViewerProps, DiffWarning, TokenChangeLine } from './types.js';

const cx = (...names: Array<string | false | null | undefined>): string => names.filter(Boolean).join(' ');

export function DiffViewer(props: DiffViewerProps): JSX.Element {
  const { files, tokenChanges, warnings, title } = props;
  const [view, setView] = useState<DiffView>(props.view ?? 'unified');
  const [buildModels] = useState(modelCache);
  const models = useMemo(() => buildModels(files), [buildModels, files]);
  const titleId = useId();
  const context = props.context ?? 3;

  let added = 0;
  let removed = 0;
  let changed = 0;
  for (const m of models) {
    added += m.added;
    removed += m.removed;
    if (m.status !== 'unchanged') changed++;
  }

  return (
    <section
      class={styles.viewer}
      aria-labelledby={title ? titleId : undefined}
      aria-label={title ? undefined : 'Diff'}
    >
      <div class={styles.toolbar}>
        <div class={styles.heading}>
          {title ? (
            <h2 id={titleId} class={styles.title}>
              {title}
            </h2>
          ) : null}
          <p class={styles.summary}>
            {changed} of {models.length} {models.length === 1 ? 'file' : 'files'} changed{' '}
            <Counts added={added} removed={removed} />
          </p>
        </div>
        <div class={styles.switch} role="group" aria-label="Diff layout">
          {(props.preview ? (['unified', 'split', 'preview'] as const) : (['unified', 'split'] as const)).map((v) => (
            <button
              key={v}
              type="button"
              class={styles.switchButton}
              aria-pressed={view === v}
              onClick={() => setView(v)}
            >
              {v === 'unified' ? 'Unified' : v === 'split' ? 'Split' : 'Preview'}
            </button>
          ))}
        </div>
      </div>
      {tokenChanges && tokenChanges.length > 0 ? <TokenChanges lines={tokenChanges} /> : null}
      {warnings && warnings.length > 0 ? <Warnings warnings={warnings} /> : null}
      {view === 'preview' && props.preview ? (
        props.preview()
      ) : (
        <>
          {models.length === 0 ? <p class={styles.empty}>No files to compare.</p> : null}
          {models.map((m) => (
            <FileDiff key={m.path} model={m} view={view === 'split' ? 'split' : 'unified'} context={context} />
          ))}
        </>
      )}
    </section>
  );
}

function Counts({ added, removed }: { added: number; removed: number }): JSX.Element {
  return (
    <span class={styles.counts}>
      <span aria-hidden="true">
        <span class={styles.countAdded}>+{added}</span> <span class={styles.countRemoved}>−{removed}</span>
      </span>
      <span class={styles.srOnly}>
        {added} {added === 1 ? 'line' : 'lines'} added, {removed} removed
      </span>
    </span>
  );
}

const SEVERITY_LABEL = { breaking: 'Breaking', feature: 'Feature', fix: 'Fix' } as const;

function TokenChanges({ lines }: { lines: TokenChangeLine[] }): JSX.Element {
  const id = useId();
  return (
    <section class={styles.panel} aria-labelledby={id}>
      <h3 id={id} class={styles.panelTitle}>
        Token changes
      </h3>
      <ul class={styles.tokenList}>
        {lines.map((l, i) => (
          <li key={i} class={styles.tokenLine}>
            {l.severity ? (
              <span class={cx(styles.badge, styles[`severity-${l.severity}`])}>{SEVERITY_LABEL[l.severity]}</span>
            ) : null}
            <span class={styles.tokenText}>{l.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const WARNING_LABEL = {
  breaking: 'Breaking change',
  conflict: 'Conflict',
  customized: 'Customized',
  info: 'Note',
} as const;

function Warnings({ warnings }: { warnings: DiffWarning[] }): JSX.Element {
  const id = useId();
  return (
    <section class={styles.warnings} aria-labelledby={id}>
      <h3 id={id} class={styles.srOnly}>
        Warnings
      </h3>
      <ul class={styles.warningList}>
        {warnings.map((w, i) => (
          <li key={i} class={cx(styles.warning, styles[`warning-${w.kind}`])}>
            <strong class={styles.warningLabel}>{WARNING_LABEL[w.kind]}:</strong> {w.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

const STATUS_LABEL: Record<FileDiffStatus, string> = {
  added: 'Added',
  removed: 'Removed',
  modified: 'Modified',
  unchanged: 'Unchanged',
};

interface FileDiffProps {
  model: FileModel;
  view: DiffView;
  context: number;
}

function FileDiff({ model, view, context }: FileDiffProps): JSX.Element {
  const [open, setOpen] = useState(model.status !== 'unchanged');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  // After an expansion the clicked button is gone; focus moves to the first revealed line.
  const [focusOld, setFocusOld] = useState<number | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const bodyId = useId();

  // The target row keeps its tabindex afterwards: removing it would make Chrome drop the focus.
  // A layout effect moves focus in the same commit as the new rows, so focus never rests on <body>.
  const pendingFocus = useRef(false);
  useLayoutEffect(() => {
    if (!pendingFocus.current) return;
    pendingFocus.current = false;
    bodyRef.current?.querySelector<HTMLElement>('[data-focus-target]')?.focus();
  }, [expanded]);

  const language = languageOf(model.path);
  // A file too large to diff shows no lines: highlighting thousands of them would freeze the UI for nothing.
  const html = useMemo(
    () =>
      open && !model.tooLarge
        ? { old: highlightLines(model.oldLines, language), new: highlightLines(model.newLines, language) }
        : null,
    [model, language, open],
  );

  const expand = (row: CollapsedRow): void => {
    pendingFocus.current = true;
    setExpanded((prev) => new Set(prev).add(row.key));
    setFocusOld(row.oldStart);
  };

  const digits = String(Math.max(model.oldLines.length, model.newLines.length, 1)).length;
  const lineHtml = (side: 'old' | 'new', no: number, kind: LineKind, mark: Range | undefined): string => {
    const raw = (side === 'old' ? html?.old : html?.new)?.[no - 1] ?? '';
    const marked = mark
      ? markRange(raw, mark, kind === 'add' ? (styles.markAdded ?? '') : (styles.markRemoved ?? ''))
      : raw;
    const last = side === 'old' ? model.oldLines.length : model.newLines.length;
    const noEol =
      kind !== 'context' && no === last && (side === 'old' ? model.oldNoNewlineAtEnd : model.newNoNewlineAtEnd);
    return noEol ? `${marked}<span class="${styles.noEol ?? ''}">⊘ No newline at end of file</span>` : marked;
  };
  const cell = { lineHtml, focusOld, expand };

  return (
    <section class={styles.file} aria-labelledby={headingId}>
      <div class={styles.fileHeader}>
        <h3 id={headingId} class={styles.fileHeading}>
          <button
            type="button"
            class={styles.fileToggle}
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setOpen(!open)}
          >
            <span class={styles.path}>{model.path}</span>
          </button>
        </h3>
        <span class={cx(styles.status, styles[`status-${model.status}`])}>{STATUS_LABEL[model.status]}</span>
        {model.status === 'unchanged' ? null : <Counts added={model.added} removed={model.removed} />}
      </div>
      <div id={bodyId} ref={bodyRef} class={styles.body} hidden={!open}>
        {open ? (
          model.tooLarge ? (
            <TooLarge tooLarge={model.tooLarge} />
          ) : model.oldLines.length === 0 && model.newLines.length === 0 ? (
            <p class={styles.empty}>Empty file.</p>
          ) : (
            // Focusable so keyboard users can scroll long lines sideways.
            <div class={styles.scroller} tabIndex={0} style={{ '--num-width': `${digits + 2}ch` }}>
              {view === 'unified' ? (
                <UnifiedTable model={model} rows={unifiedRows(model, { context, expanded })} {...cell} />
              ) : (
                <SplitTable model={model} rows={splitRows(model, { context, expanded })} {...cell} />
              )}
            </div>
          )
        ) : null}
      </div>
    </section>
  );
}

const count = (n: number): string => n.toLocaleString('en-US');

/** Instead of rows: why the file was not diffed (core/diff's limits), and each side's size and sha256. */
function TooLarge({ tooLarge }: { tooLarge: DiffTooLarge }): JSX.Element {
  const why =
    tooLarge.reason === 'edit-length'
      ? `more than ${count(tooLarge.limits.maxEditLength)} lines changed`
      : `the diff took longer than ${count(tooLarge.limits.timeoutMs)} ms`;
  return (
    <div class={styles.tooLarge} role="note">
      <p class={styles.tooLargeTitle}>
        <strong>Too large to diff line by line:</strong> {why}.
      </p>
      <dl class={styles.sizes}>
        {(['old', 'new'] as const).map((side) => (
          <div key={side} class={styles.size}>
            <dt>{side === 'old' ? 'Before' : 'After'}</dt>
            <dd>
              {count(tooLarge[side].lines)} {tooLarge[side].lines === 1 ? 'line' : 'lines'},{' '}
              {count(tooLarge[side].bytes)} bytes
              <br />
              <span class={styles.hash}>sha256 {tooLarge[side].sha256}</span>
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

interface TableProps<Row> {
  model: FileModel;
  rows: Row[];
  lineHtml: (side: 'old' | 'new', no: number, kind: LineKind, mark: Range | undefined) => string;
  focusOld: number | null;
  expand: (row: CollapsedRow) => void;
}

const MARKER: Record<LineKind, { symbol: string; label: string }> = {
  add: { symbol: '+', label: 'added' },
  remove: { symbol: '−', label: 'removed' },
  context: { symbol: '', label: '' },
};

const ROW_CLASS: Record<LineKind, string | undefined> = {
  add: styles.added,
  remove: styles.removed,
  context: styles.context,
};

function Marker({ kind, tone }: { kind: LineKind; tone?: string | undefined }): JSX.Element {
  const m = MARKER[kind];
  return (
    <td class={cx(styles.marker, tone)}>
      <span aria-hidden="true">{m.symbol}</span>
      {m.label ? <span class={styles.srOnly}>{m.label}</span> : null}
    </td>
  );
}

function Code({ html, tone }: { html: string; tone?: string | undefined }): JSX.Element {
  return <td class={cx(styles.code, tone)} dangerouslySetInnerHTML={{ __html: html }} />;
}

function ExpandRow({
  row,
  colSpan,
  expand,
}: {
  row: CollapsedRow;
  colSpan: number;
  expand: (row: CollapsedRow) => void;
}): JSX.Element {
  return (
    <tr class={styles.collapsedRow}>
      <td colSpan={colSpan}>
        <button type="button" class={styles.expand} onClick={() => expand(row)}>
          ⋯ {row.count} unchanged {row.count === 1 ? 'line' : 'lines'}
        </button>
      </td>
    </tr>
  );
}

function UnifiedTable({
  model,
  rows,
  lineHtml,
  focusOld,
  expand,
}: TableProps<ReturnType<typeof unifiedRows>[number]>): JSX.Element {
  return (
    <table class={cx(styles.table, styles.unified)} aria-label={`${model.path}, unified diff`}>
      <colgroup>
        <col class={styles.numCol} />
        <col class={styles.numCol} />
        <col class={styles.markerCol} />
        <col />
      </colgroup>
      <thead class={styles.srOnly}>
        <tr>
          <th scope="col">Old line</th>
          <th scope="col">New line</th>
          <th scope="col">Change</th>
          <th scope="col">Code</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) =>
          row.type === 'collapsed' ? (
            <ExpandRow key={`c${row.key}`} row={row} colSpan={4} expand={expand} />
          ) : (
            <tr
              key={`${row.oldNo}:${row.newNo}`}
              class={ROW_CLASS[row.kind]}
              tabIndex={row.oldNo !== null && row.oldNo === focusOld ? -1 : undefined}
              data-focus-target={row.oldNo !== null && row.oldNo === focusOld ? '' : undefined}
            >
              <td class={styles.num}>{row.oldNo ?? ''}</td>
              <td class={styles.num}>{row.newNo ?? ''}</td>
              <Marker kind={row.kind} />
              <Code
                html={
                  row.newNo !== null
                    ? lineHtml('new', row.newNo, row.kind, row.mark)
                    : lineHtml('old', row.oldNo ?? 0, row.kind, row.mark)
                }
              />
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function SplitSide({
  side,
  cell,
  lineHtml,
}: {
  side: 'old' | 'new';
  cell: SplitCell | null;
  lineHtml: TableProps<unknown>['lineHtml'];
}): JSX.Element {
  if (!cell) {
    return (
      <>
        <td class={cx(styles.num, styles.blank)} />
        <td class={cx(styles.marker, styles.blank)} />
        <td class={cx(styles.code, styles.blank)} />
      </>
    );
  }
  return (
    <>
      <td class={cx(styles.num, ROW_CLASS[cell.kind])}>{cell.no}</td>
      <Marker kind={cell.kind} tone={ROW_CLASS[cell.kind]} />
      <Code html={lineHtml(side, cell.no, cell.kind, cell.mark)} tone={ROW_CLASS[cell.kind]} />
    </>
  );
}

function SplitTable({
  model,
  rows,
  lineHtml,
  focusOld,
  expand,
}: TableProps<ReturnType<typeof splitRows>[number]>): JSX.Element {
  return (
    <table class={cx(styles.table, styles.split)} aria-label={`${model.path}, split diff`}>
      <colgroup>
        <col class={styles.numCol} />
        <col class={styles.markerCol} />
        <col />
        <col class={styles.numCol} />
        <col class={styles.markerCol} />
        <col />
      </colgroup>
      <thead class={styles.srOnly}>
        <tr>
          <th scope="col">Old line</th>
          <th scope="col">Old change</th>
          <th scope="col">Old code</th>
          <th scope="col">New line</th>
          <th scope="col">New change</th>
          <th scope="col">New code</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          if (row.type === 'collapsed') return <ExpandRow key={`c${row.key}`} row={row} colSpan={6} expand={expand} />;
          const focus = row.left !== null && row.left.no === focusOld;
          return (
            <tr
              key={`${row.left?.no ?? ''}:${row.right?.no ?? ''}`}

              tabIndex={focus ? -1 : undefined}
              data-focus-target={focus ? '' : undefined}
            >
              <SplitSide side="old" cell={row.left} lineHtml={lineHtml} />
              <SplitSide side="new" cell={row.right} lineHtml={lineHtml} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
