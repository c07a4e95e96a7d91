// Inside Figma: requests to the plugin's main thread through the typed contract (messages.ts),
// posted to the parent frame as Figma expects ({ pluginMessage }).
import { createRequester } from '../../messages.js';
import { downloadBlob, type Host } from './types.js';

export function figmaHost(): Host {
  const requester = createRequester((message) => window.parent.postMessage({ pluginMessage: message }, '*'));
  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { pluginMessage?: unknown } | null;
    if (data && typeof data === 'object' && 'pluginMessage' in data) requester.receive(data.pluginMessage);
  });
  return {
    kind: 'figma',
    fileInfo: () => requester.request('getFileInfo', {}),
    setFileUrl: (url) => requester.request('setFileUrl', { url }),
    loadSettings: () => requester.request('loadSettings', {}),
    saveSettings: async (settings) => {
      await requester.request('saveSettings', settings);
    },
    forgetSettings: async () => {
      await requester.request('saveSettings', { serverUrl: '', token: '' });
    },
    extract: async (onProgress) => {
      const stop = requester.on('progress', onProgress);
      try {
        return await requester.request('extract', {});
      } finally {
        stop();
      }
    },
    writeSnapshot: (syncedAt) => requester.request('writeSnapshot', { syncedAt }),
    exportNode: (nodeId) => requester.request('exportNodePng', { nodeId }),
    notify: (message, error) => void requester.request('notify', { message, error }).catch(() => undefined),
    saveFile: downloadBlob,
  };
}
