// Previews: self-contained pages rendering a version's variants in every mode (built with
// esbuild from the version's own files, stored content-addressed), the design's expected boxes,
// and the fidelity clients record.
export { versionPreview, comparePreview, buildVersionPreview } from './pages.js';
export { previewLayout, recordFidelity, type FidelityInput } from './layout.js';
export { enqueuePreviewBuilds, runPreviewBuild } from './job.js';
export { buildCount as previewBuildCount, buildPage } from './builder.js';
export { BUILDER_VERSION, loadSide, pageKey } from './load.js';
export { previewModes } from './modes.js';
export type { PreviewMode, PreviewSide, SourceFile } from './sources.js';

/** The headers every preview page is served with: an opaque origin that runs only its own inline code. */
export const PREVIEW_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:",
  'x-content-type-options': 'nosniff',
  'cache-control': 'private, no-cache',
  'referrer-policy': 'no-referrer',
} as const;
