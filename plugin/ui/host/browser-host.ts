// In a browser (the server's /app): the server is this page's origin; the API token is kept in
// this tab's sessionStorage only (closing the tab signs out); there is no Figma file to read.
import { downloadBlob, type Host } from './types.js';

const TOKEN_KEY = 'design-sync/token';

export function browserHost(): Host {
  const unavailable = async (): Promise<never> => {
    throw new Error('Reading a Figma file needs the Figma plugin: in the browser you review what was synced.');
  };
  return {
    kind: 'browser',
    fileInfo: async () => null,
    setFileUrl: unavailable,
    loadSettings: async () => {
      const token = sessionStorage.getItem(TOKEN_KEY);
      return token ? { serverUrl: window.location.origin, token } : null;
    },
    saveSettings: async ({ token }) => sessionStorage.setItem(TOKEN_KEY, token),
    forgetSettings: async () => sessionStorage.removeItem(TOKEN_KEY),
    extract: unavailable,
    writeSnapshot: unavailable,
    exportNode: null,
    notify: () => undefined,
    saveFile: downloadBlob,
  };
}
