// Runs in the harness page: Figma's part. The fake `figma` global (test/fakes/figma) on a
// realistic design system, the real built main bundle (dist/plugin/main.js) on top of it, and
// the real UI (dist/plugin/ui.html) in a sandboxed iframe with a null origin, as Figma loads it.
// Messages pass as Figma passes them: { pluginMessage } both ways.
import { createFakeFigma, layerTreeDesign, realisticDesignSystem, type FakeFigma } from '../../fakes/figma/index.js';
import { applyEdits, type PaddingLeftEdit } from './design-edits.js';

/** The file the plugin opens: the realistic design system, or the one whose variants carry full layer trees. */
const DESIGNS = { realistic: realisticDesignSystem, layers: layerTreeDesign } as const;
export type HarnessDesign = keyof typeof DESIGNS;

export interface HarnessOptions {
  mainJs: string;
  uiHtml: string;
  fileKey: string | null;
  /** what an earlier session saved in figma.clientStorage (the connection) */
  clientStorage?: Array<[string, unknown]>;
  /** variables whose value the designer changed since: every mode gets this color (0–1 RGBA) */
  recolor?: Array<{ id: string; rgba: { r: number; g: number; b: number; a: number } }>;
  /** realistic when omitted */
  design?: HarnessDesign;
  /** what the designer changed in the file since */
  edits?: PaddingLeftEdit[];
}

declare global {
  interface Window {
    designSyncHarness: { boot(options: HarnessOptions): void; fake: FakeFigma | null };
  }
}

function boot({
  mainJs,
  uiHtml,
  fileKey,
  recolor = [],
  clientStorage = [],
  design = 'realistic',
  edits = [],
}: HarnessOptions): void {
  const seed = applyEdits(DESIGNS[design](), edits);
  for (const change of recolor) {
    const variable = seed.variables?.find((v) => v.id === change.id);
    if (!variable) throw new Error(`harness: no variable ${change.id} to recolor`);
    for (const mode of Object.keys(variable.valuesByMode)) variable.valuesByMode[mode] = change.rgba;
  }
  const fake = createFakeFigma(seed, { fileKey });
  window.designSyncHarness.fake = fake;
  for (const [key, value] of clientStorage) fake.clientStorage.set(key, value);
  let frame: HTMLIFrameElement | null = null;
  const queued: unknown[] = [];
  // What main posts with figma.ui.postMessage reaches the iframe as Figma delivers it.
  const push = fake.messagesToUi.push.bind(fake.messagesToUi);
  fake.messagesToUi.push = (...messages: unknown[]) => {
    for (const message of messages) {
      if (frame?.contentWindow) frame.contentWindow.postMessage({ pluginMessage: message }, '*');
      else queued.push(message);
    }
    return push(...messages);
  };
  window.addEventListener('message', (event) => {
    const data = event.data as { pluginMessage?: unknown } | null;
    if (frame && event.source === frame.contentWindow && data && typeof data === 'object' && 'pluginMessage' in data)
      void fake.sendToMain(data.pluginMessage);
  });
  fake.install(uiHtml);
  // The main bundle is a script for Figma's sandbox: `figma` and `__html__` are its globals.
  new Function(mainJs)();
  const { width, height } = fake.ui;
  frame = document.createElement('iframe');
  frame.title = 'design-sync plugin';
  frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-downloads allow-popups allow-modals');
  frame.style.cssText = `width:${width}px;height:${height}px;border:1px solid #ccc;display:block`;
  frame.srcdoc = fake.ui.html ?? '';
  frame.addEventListener('load', () => {
    for (const message of queued.splice(0)) frame!.contentWindow!.postMessage({ pluginMessage: message }, '*');
  });
  document.body.appendChild(frame);
}

window.designSyncHarness = { boot, fake: null };
