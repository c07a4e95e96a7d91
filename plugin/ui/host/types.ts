// The one host-specific part of the UI: inside Figma it talks to the plugin's main thread;
// in a browser (the server's /app) there is no file to read, settings live in the page.
import type { Extraction, FileInfo, NodeImage, Progress, Settings, SnapshotWritten } from '../../messages.js';

export interface Host {
  kind: 'figma' | 'browser';
  /** the open file (Figma), or null in a browser */
  fileInfo(): Promise<FileInfo | null>;
  setFileUrl(url: string): Promise<FileInfo>;
  loadSettings(): Promise<Settings | null>;
  saveSettings(settings: Settings): Promise<void>;
  forgetSettings(): Promise<void>;
  extract(onProgress: (progress: Progress) => void): Promise<Extraction>;
  writeSnapshot(syncedAt: string): Promise<SnapshotWritten>;
  /** A variant as Figma draws it (PNG at 2×); null where there is no Figma file (the browser). */
  exportNode: ((nodeId: string) => Promise<NodeImage>) | null;
  notify(message: string, error?: boolean): void;
  /** hands a file to the user (a download) */
  saveFile(name: string, blob: Blob): void;
}

/** A download by a temporary link: works in a page and in Figma's plugin iframe. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
