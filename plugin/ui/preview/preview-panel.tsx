import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiClient, PreviewLayoutOut } from '../api/client.js';
import { ErrorBanner } from '../components/error-banner.js';
import { ProgressLine } from '../components/progress.js';
import { HostContext } from '../host/context.js';
import type { Host } from '../host/index.js';
import { fidelity, type Fidelity, type LayoutBox } from './fidelity.js';
import { PreviewFrame } from './preview-frame.js';
import { layoutKey, mergeLayout, type LayoutStore, type PreviewLayout } from './protocol.js';
import styles from './preview.module.css';

/** Room around a variant inside its frame, in px (the page's padding). */
const MARGIN = 16;
/** The page's caption above a variant ("Primary · Light"), in px. */
const CAPTION = 20;

type Size = { width: number; height: number };

/**
 * Before and After of one change (and, in Figma, the design itself) for one variant at a time,
 * in one mode: at most two visible preview frames whatever the number of variants, and one
 * frame out of sight that measures every variant in every mode for the fidelity line.
 */
export function PreviewPanel({
  api,
  before,
  after,
  record,
}: {
  api: ApiClient;
  /** the version the change starts from; null for a new component */
  before: string | null;
  after: string;
  /** record the measured fidelity of `after` on the server (a token that can write) */
  record: boolean;
}) {
  const [data, setData] = useState<{ layout: PreviewLayoutOut; after: string; before: string | null } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [variantId, setVariantId] = useState('');
  const [mode, setMode] = useState('');
  const [store, setStore] = useState<LayoutStore>(new Map());
  const [recorded, setRecorded] = useState<'no' | 'yes' | 'failed'>('no');
  // What each visible page said it needs to show its variant whole.
  const [sizes, setSizes] = useState<{ before?: Size; after?: Size }>({});
  const measuring = useRef<Measuring | null>(null);
  const host = useContext(HostContext);
  const exportNode = host?.exportNode ?? null;
  const shell = host?.kind === 'browser' ? `${window.location.origin}/app/preview-frame` : null;

  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    setStore(new Map());
    setRecorded('no');
    setSizes({});
    measuring.current = null;
    Promise.all([
      api.previewLayout(after),
      api.previewHtml(after),
      before ? api.previewHtml(before) : Promise.resolve(null),
    ]).then(
      ([layout, afterHtml, beforeHtml]) => {
        if (!live) return;
        setData({ layout, after: afterHtml, before: beforeHtml });
        setVariantId((v) => (layout.variants.some((x) => x.id === v) ? v : (layout.variants[0]?.id ?? '')));
        setMode((m) => (layout.modes.includes(m) ? m : (layout.modes[0] ?? '')));
      },
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [after, before]);

  const onLayout = (message: PreviewLayout) => setStore((s) => mergeLayout(s, message));
  const sized = (side: 'before' | 'after') => (message: PreviewLayout) => {
    const { size } = message;
    if (size)
      setSizes((s) => (s[side]?.width === size.width && s[side]?.height === size.height ? s : { ...s, [side]: size }));
  };

  const results = useMemo(() => (data ? measure(data.layout, store) : null), [data, store]);

  // Once every variant was measured in every mode: recorded for History.
  const posted = useRef<string | null>(null);
  useEffect(() => {
    if (!record || !results?.complete || posted.current === after) return;
    posted.current = after;
    api
      .recordFidelity(after, {
        variants: results.cells.map((c) => ({ id: c.variantId, mode: c.mode, matched: c.matched, total: c.total })),
      })
      .then(
        () => setRecorded('yes'),
        () => setRecorded('failed'),
      );
  }, [results?.complete, after, record]);

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <ProgressLine label="Loading the previews" />;
  const { layout } = data;
  if (layout.variants.length === 0) return <p class={styles.muted}>This version has no variants to preview.</p>;
  const variant = layout.variants.find((v) => v.id === variantId) ?? layout.variants[0]!;
  // Until the page says what it needs: the design's size, the page's padding and caption.
  const size = extent(variant.layers.map((l) => l.box));
  const estimate = {
    width: Math.ceil(size.width) + 2 * MARGIN,
    height: Math.ceil(size.height) + 2 * MARGIN + CAPTION,
  };
  const beforeSize = sizes.before ?? estimate;
  const afterSize = sizes.after ?? estimate;
  const show = { variant: variant.id, ...(mode ? { mode } : {}) };
  const cell = results?.cells.find((c) => c.variantId === variant.id && c.mode === mode);

  return (
    <section class={styles.preview} aria-label="Preview">
      <div class={styles.controls}>
        <label class={styles.field}>
          <span>Variant</span>
          <select value={variant.id} onChange={(e) => setVariantId((e.target as HTMLSelectElement).value)}>
            {layout.variants.map((v) => (
              <option key={v.id} value={v.id}>
                {labelOf(v)}
              </option>
            ))}
          </select>
        </label>
        <label class={styles.field}>
          <span>Mode</span>
          <select
            value={mode}
            disabled={layout.modes.length < 2}
            onChange={(e) => setMode((e.target as HTMLSelectElement).value)}
          >
            {layout.modes.length === 0 && <option value="">default</option>}
            {layout.modes.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FidelityLine results={results} cell={cell} recorded={recorded} />
      <div class={styles.columns} data-columns={exportNode ? 3 : 2}>
        {exportNode && <DesignColumn exportNode={exportNode} nodeId={variant.id} />}
        <Column label="Before">
          {data.before === null || !before ? (
            <p class={styles.muted}>New component</p>
          ) : (
            <Scaled {...beforeSize}>
              <PreviewFrame
                html={data.before}
                versionId={before}
                shell={shell}
                show={show}
                title={`Before: ${labelOf(variant)}`}
                onLayout={sized('before')}
                {...beforeSize}
              />
            </Scaled>
          )}
        </Column>
        <Column label="After">
          <Scaled {...afterSize}>
            <PreviewFrame
              html={data.after}
              versionId={after}
              shell={shell}
              show={show}
              title={`After: ${labelOf(variant)}`}
              onLayout={(message) => {
                onLayout(message);
                sized('after')(message);
              }}
              {...afterSize}
            />
          </Scaled>
        </Column>
      </div>
      {cell && cell.mismatches.length > 0 && (
        <div class={styles.mismatches}>
          <h4 class={styles.heading}>
            Layers of {labelOf(variant)}
            {mode ? ` (${mode})` : ''} off the design
          </h4>
          <ul aria-label="Layers that do not match">
            {cell.mismatches.map((m) => (
              <li key={m.id}>
                <strong>{m.name}</strong>: design {boxText(m.expected)}, rendered{' '}
                {m.rendered ? boxText(m.rendered) : 'nothing'}
              </li>
            ))}
          </ul>
        </div>
      )}
      {!results?.complete && (
        <PreviewFrame
          html={data.after}
          versionId={after}
          shell={shell}
          show={null}
          title="Layout measurement"
          width={1200}
          height={900}
          invisible
          onReady={(ready, frame) => {
            measuring.current = startMeasuring(ready, frame);
          }}
          onLayout={(message) => {
            onLayout(message);
            if (measuring.current) measureNext(measuring.current, message);
          }}
        />
      )}
    </section>
  );
}

/** The measuring frame's progress: which variant and mode it was asked for, which it reported. */
interface Measuring {
  frame: Window;
  wanted: Array<{ variant: string; mode: string }>;
  reported: Set<string>;
  asked: string | null;
}

/**
 * The page reports every variant in every mode once on load; what it left out (a page built
 * before, one that failed to lay something out) is asked for one variant and mode at a time,
 * each after the previous answer: the page measures on its next frame, so requests sent
 * together would all be answered with the last one's layout.
 */
function startMeasuring(ready: { variants: Array<{ id: string }>; modes: string[] }, frame: Window): Measuring {
  const modes = ready.modes.length > 0 ? ready.modes : [''];
  return {
    frame,
    wanted: ready.variants.flatMap((v) => modes.map((mode) => ({ variant: v.id, mode }))),
    reported: new Set(),
    asked: null,
  };
}

function measureNext(state: Measuring, message: PreviewLayout): void {
  for (const v of message.variants) state.reported.add(layoutKey(v.id, v.mode));
  if (state.asked !== null && !state.reported.has(state.asked)) return;
  const next = state.wanted.find((w) => !state.reported.has(layoutKey(w.variant, w.mode)));
  state.asked = next ? layoutKey(next.variant, next.mode) : null;
  if (next)
    state.frame.postMessage(
      { type: 'design-sync/show', variant: next.variant, ...(next.mode ? { mode: next.mode } : {}) },
      '*',
    );
}

interface Cell extends Fidelity {
  variantId: string;
  mode: string;
}

function measure(layout: PreviewLayoutOut, store: LayoutStore): { cells: Cell[]; complete: boolean; all: Fidelity } {
  const modes = layout.modes.length > 0 ? layout.modes : [''];
  const cells: Cell[] = [];
  let complete = true;
  for (const v of layout.variants)
    for (const mode of modes) {
      const rendered = store.get(layoutKey(v.id, mode));
      if (!rendered) {
        complete = false;
        continue;
      }
      cells.push({ variantId: v.id, mode, ...fidelity(v.layers, rendered) });
    }
  const all = cells.reduce<Fidelity>(
    (sum, c) => ({ matched: sum.matched + c.matched, total: sum.total + c.total, mismatches: [] }),
    { matched: 0, total: 0, mismatches: [] },
  );
  return { cells, complete, all };
}

function FidelityLine({
  results,
  cell,
  recorded,
}: {
  results: ReturnType<typeof measure> | null;
  cell: Cell | undefined;
  recorded: 'no' | 'yes' | 'failed';
}) {
  if (!results?.complete)
    return (
      <p class={styles.fidelity} role="status">
        Measuring the layout of every variant…
      </p>
    );
  const { matched, total } = results.all;
  if (total === 0)
    // Nothing to compare is not a match: the version was synced without the design's layers.
    return (
      <p class={styles.fidelity} role="status">
        No layer tree to compare: this version was synced without the design&rsquo;s layers.
      </p>
    );
  return (
    <p class={styles.fidelity} role="status">
      <strong>
        Layout matches the design: {matched} of {total} layers
      </strong>
      {cell && results.cells.length > 1 ? ` (this variant: ${cell.matched} of ${cell.total})` : ''}
      {recorded === 'failed' ? ' · not recorded on the server' : ''}
    </p>
  );
}

function Column({ label, children }: { label: string; children: preact.ComponentChildren }) {
  return (
    <section class={styles.column} aria-label={label}>
      <h4 class={styles.heading}>{label}</h4>
      {children}
    </section>
  );
}

/** The variant as Figma draws it, exported by the plugin's main thread at 2×. */
function DesignColumn({ exportNode, nodeId }: { exportNode: NonNullable<Host['exportNode']>; nodeId: string }) {
  const [image, setImage] = useState<{ url: string; width: number; height: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    let url: string | null = null;
    setImage(null);
    setError(null);
    exportNode(nodeId).then(
      ({ png }) => {
        if (!live) return;
        url = URL.createObjectURL(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
        const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
        // IHDR's width and height, halved: the node's size at 1×.
        setImage({ url, width: view.getUint32(16) / 2, height: view.getUint32(20) / 2 });
      },
      (err) => live && setError(err),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [nodeId]);
  return (
    <Column label="Design">
      {error ? (
        <p class={styles.muted}>{error instanceof Error ? error.message : String(error)}</p>
      ) : image ? (
        <Scaled width={image.width + 2 * MARGIN} height={image.height + 2 * MARGIN}>
          <img
            src={image.url}
            alt="The variant in Figma"
            width={image.width}
            height={image.height}
            style={{ margin: `${MARGIN}px`, display: 'block' }}
          />
        </Scaled>
      ) : (
        <p class={styles.muted}>Exporting…</p>
      )}
    </Column>
  );
}

/** Shrinks its content (never enlarges it) to the column's width: a wide variant stays whole. */
function Scaled({ width, height, children }: { width: number; height: number; children: preact.ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState(width);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setRoom(el.clientWidth));
    observer.observe(el);
    setRoom(el.clientWidth);
    return () => observer.disconnect();
  }, []);
  const scale = room > 0 ? Math.min(1, room / width) : 1;
  return (
    <div ref={ref} class={styles.scaled} style={{ height: `${Math.ceil(height * scale)}px` }}>
      <div style={{ width: `${width}px`, transform: `scale(${scale})`, transformOrigin: '0 0' }}>{children}</div>
    </div>
  );
}

function extent(boxes: LayoutBox[]): { width: number; height: number } {
  let width = 1;
  let height = 1;
  for (const b of boxes) {
    width = Math.max(width, b.x + b.width);
    height = Math.max(height, b.y + b.height);
  }
  return { width, height };
}

/** A component without variant properties has one variant, which Figma names by nothing. */
const labelOf = (v: { label: string }): string => v.label || 'Default';

const px = (n: number): string => String(Math.round(n * 10) / 10);
const boxText = (b: LayoutBox): string => `${px(b.width)}×${px(b.height)} at ${px(b.x)}, ${px(b.y)}`;
