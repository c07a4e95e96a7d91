import { browserHost } from './browser-host.js';
import { figmaHost } from './figma-host.js';
import type { Host } from './types.js';

export type { Host } from './types.js';

/** The server serves this page at /app for browsers; Figma loads it into an iframe of its own. */
export function detectHost(): Host {
  const inBrowserApp = window.parent === window || /^\/app(\/|$)/.test(window.location.pathname);
  return inBrowserApp ? browserHost() : figmaHost();
}
