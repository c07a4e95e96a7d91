// The file's key: Figma gives it to private (organisation) plugins; a public plugin asks the
// designer once for the file's URL and keeps the key with the document.
import type { FileInfo } from '../messages.js';

const PLUGIN_DATA_KEY = 'fileKey';

/** The key in a Figma file URL: figma.com/file/<key>/…, /design/<key>/…, /board/<key>/…, /proto/<key>/… (branch URLs name the branch key). */
export function fileKeyFromUrl(url: string): string | null {
  const match =
    /^https:\/\/(?:www\.)?figma\.com\/(?:file|design|board|proto)\/([A-Za-z0-9]{10,128})(?:\/branch\/([A-Za-z0-9]{10,128}))?(?:[/?#]|$)/.exec(
      url.trim(),
    );
  if (!match) return null;
  return match[2] ?? match[1]!;
}

export function fileInfo(): FileInfo {
  const fileName = figma.root.name;
  if (figma.fileKey) return { fileKey: figma.fileKey, fileName, fileKeySource: 'figma' };
  const saved = figma.root.getPluginData(PLUGIN_DATA_KEY);
  return saved
    ? { fileKey: saved, fileName, fileKeySource: 'document' }
    : { fileKey: null, fileName, fileKeySource: null };
}

export function rememberFileUrl(url: string): FileInfo {
  const key = fileKeyFromUrl(url);
  if (!key)
    throw new Error(
      'That is not a Figma file URL: copy it from the browser bar or Share → Copy link (https://www.figma.com/design/…)',
    );
  figma.root.setPluginData(PLUGIN_DATA_KEY, key);
  return fileInfo();
}
