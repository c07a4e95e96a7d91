// One handler per message of plugin/messages.ts, in a flat list.
import type { Extraction, Handlers, Settings } from '../messages.js';
import { eventMessage } from '../messages.js';
import { extractFile } from './extract/index.js';
import { fileInfo, rememberFileUrl } from './file-key.js';
import { writeSnapshot } from './snapshot.js';

const SETTINGS_KEY = 'design-sync/settings';

/** The last extraction, kept for the snapshot written once the server accepted the sync. */
let lastExtraction: Extraction | null = null;

export const handlers: Handlers = {
  async getFileInfo() {
    return fileInfo();
  },
  async setFileUrl({ url }) {
    return rememberFileUrl(url);
  },
  async saveSettings(params) {
    await figma.clientStorage.setAsync(SETTINGS_KEY, { serverUrl: params.serverUrl, token: params.token });
    return { saved: true };
  },
  async loadSettings() {
    const value = (await figma.clientStorage.getAsync(SETTINGS_KEY)) as Settings | undefined;
    return value && typeof value.serverUrl === 'string' && typeof value.token === 'string' ? value : null;
  },
  async extract() {
    lastExtraction = await extractFile(fileInfo().fileKey, (progress) =>
      figma.ui.postMessage(eventMessage('progress', progress)),
    );
    return lastExtraction;
  },
  async writeSnapshot({ syncedAt }) {
    if (!lastExtraction) throw new Error('Nothing was extracted yet: sync first');
    return writeSnapshot(
      { tokens: lastExtraction.request.tokens, components: lastExtraction.request.components },
      syncedAt,
    );
  },
  async exportNodePng({ nodeId }) {
    const node = await figma.getNodeByIdAsync(nodeId);
    if (!node || node.type === 'DOCUMENT' || node.type === 'PAGE')
      throw new Error(`No layer ${nodeId} in this file: it was deleted or the file changed since the sync`);
    const png = await node.exportAsync({ format: 'PNG', constraint: { type: 'SCALE', value: 2 } });
    return { png };
  },
  async notify({ message, error }) {
    figma.notify(message, error ? { error: true } : undefined);
    return { shown: true };
  },
  async resize({ width, height }) {
    figma.ui.resize(
      Math.max(320, Math.min(1600, Math.round(width))),
      Math.max(320, Math.min(1600, Math.round(height))),
    );
    return { resized: true };
  },
  async close() {
    setTimeout(() => figma.closePlugin(), 0);
    return { closed: true };
  },
};
