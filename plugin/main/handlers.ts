import type { Handlers } from '../messages.js';

const SETTINGS_KEY = 'design-sync/settings';

/** One handler per message, in a flat list. Extraction handlers arrive with the plugin issue. */
export const handlers: Handlers = {
  async getFileInfo() {
    return { fileKey: figma.fileKey ?? null, fileName: figma.root.name };
  },
  async saveSettings(params) {
    await figma.clientStorage.setAsync(SETTINGS_KEY, params);
    return { saved: true };
  },
  async loadSettings() {
    const value = (await figma.clientStorage.getAsync(SETTINGS_KEY)) as { serverUrl: string; token: string } | undefined;
    return value ?? null;
  },
  async close() {
    setTimeout(() => figma.closePlugin(), 0);
    return { closed: true };
  },
};
