// What a sync sends: every component the server does not already hold exactly, and the others by
// digest (`unchanged`), so a one-field edit in a file of a thousand components uploads one spec.
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { SyncOut } from '../../../core/contract/responses.js';
import type { TokenSet } from '../../../core/contract/tokens.js';
import { specDigest } from '../../../core/specs/digest.js';
import type { ApiClient } from './client.js';
import { ApiError } from './errors.js';

export interface SyncBody {
  fileKey: string;
  fileName?: string;
  tokens: TokenSet;
  components: ComponentSpec[];
}

/** The server's refusals of `unchanged` that sending every component in full answers. */
const SEND_IN_FULL = new Set(['stale_unchanged', 'unchanged_needs_components']);

/**
 * Syncs `body`, naming unchanged the components whose design the server recorded with the same
 * digest. If the server's copy moved on meanwhile (another sync, a poll) it answers 409 and
 * nothing is stored: the sync goes again with every component in full.
 */
export async function syncChanged(api: ApiClient, projectId: string, body: SyncBody): Promise<SyncOut> {
  const recorded = new Map<string, string>();
  for (const c of await api.components(projectId))
    if (c.fileKey === body.fileKey && c.specDigest) recorded.set(c.figmaId, c.specDigest);
  const components: ComponentSpec[] = [];
  const unchanged: Array<{ id: string; digest: string }> = [];
  for (const spec of body.components) {
    const digest = recorded.has(spec.id) ? specDigest(spec) : null;
    if (digest !== null && digest === recorded.get(spec.id)) unchanged.push({ id: spec.id, digest });
    else components.push(spec);
  }
  if (!unchanged.length) return api.sync(projectId, body);
  try {
    return await api.sync(projectId, { ...body, components, unchanged });
  } catch (err) {
    if (err instanceof ApiError && err.status === 409 && err.code !== null && SEND_IN_FULL.has(err.code))
      return api.sync(projectId, body);
    throw err;
  }
}
