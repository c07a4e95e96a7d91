// Token files as a design source ("token file changed"): a directory of DTCG
// 2025.10 documents with a resolver, under TOKEN_SOURCES_ROOT. A change is read like a Figma
// file's: the project's components are checked against the new tokens (their latest specs),
// through the same pipeline, trigger token_change.
import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Policy } from '../../../core/contract/api.js';
import { AppError, badRequest, unprocessable } from '../../lib/errors.js';
import { parseJsonBody } from '../../lib/json-body.js';
import type { RequestContext } from '../../lib/context.js';
import { notify } from '../notifications/index.js';
import { latestSpecIfValid } from '../sync/index.js';
import { applyDesign, type Applied } from './apply-design.js';

/** Whether `path` is `dir` itself or lies under it (both absolute). */
export function isWithin(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/** A path a token source may name: relative, inside the root, no `..`, no NUL. Resolves symlinks too. */
export async function confinedPath(root: string | undefined, path: string): Promise<string> {
  if (!root)
    throw unprocessable(
      'token_sources_disabled',
      'Token files cannot be tracked: the server has no TOKEN_SOURCES_ROOT',
    );
  if (path.includes('\0') || isAbsolute(path) || path.split(/[\\/]/).includes('..'))
    throw badRequest(`path ${JSON.stringify(path)} must be relative to TOKEN_SOURCES_ROOT, without ".."`);
  const base = await realpath(root);
  let real: string;
  try {
    real = await realpath(resolve(base, path));
  } catch {
    throw badRequest(`path ${JSON.stringify(path)} does not exist under TOKEN_SOURCES_ROOT`);
  }
  if (!isWithin(base, real)) throw badRequest(`path ${JSON.stringify(path)} leads outside TOKEN_SOURCES_ROOT`);
  return real;
}

export interface ReadTokens {
  hash: string;
  resolver: Record<string, unknown>;
  documents: Record<string, Record<string, unknown>>;
}

const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The resolver and every document it references (`$ref`s to files beside it), read and parsed. */
export async function readTokenSource(dir: string, resolverPath: string): Promise<ReadTokens> {
  const hash = createHash('sha256');
  const load = async (ref: string): Promise<Record<string, unknown>> => {
    const file = ref.split('#')[0]!;
    const full = resolve(dir, file);
    if (!isWithin(dir, full)) throw badRequest(`${ref} leads outside the token source`);
    const info = await stat(full).catch(() => null);
    if (!info?.isFile()) throw unprocessable('token_file_missing', `${ref}: no such file in the token source`);
    // A symlink inside the directory must not lead out of it either.
    const real = await realpath(full);
    if (!isWithin(dir, real)) throw badRequest(`${ref} leads outside the token source`);
    if (info.size > MAX_FILE_BYTES)
      throw unprocessable('token_file_too_large', `${ref} is larger than ${MAX_FILE_BYTES} bytes`);
    const text = await readFile(full, 'utf8');
    hash.update(`${file}\0${text}\0`);
    try {
      const parsed = parseJsonBody(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
      return parsed as Record<string, unknown>;
    } catch (err) {
      throw unprocessable(
        'token_file_invalid',
        `${ref}: ${err instanceof AppError ? err.message : (err as Error).message}`,
      );
    }
  };
  const resolver = await load(resolverPath);
  const documents: Record<string, Record<string, unknown>> = {};
  for (const ref of refsOf(resolver)) if (!(ref in documents)) documents[ref] = await load(ref);
  return { hash: hash.digest('hex'), resolver, documents };
}

/** Every `$ref` to a file in a resolver document (sets and modifier contexts). */
function refsOf(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsOf(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && !v.startsWith('#')) into.add(v);
      else refsOf(v, into);
    }
  }
  return into;
}

/** Reads a source and, when its files changed since the last check, applies the tokens to the project's components. */
export async function checkTokenSource(
  ctx: RequestContext,
  root: string | undefined,
  sourceId: string,
): Promise<{ kind: 'unchanged' } | { kind: 'applied'; applied: Applied } | { kind: 'failed'; message: string }> {
  const source = await ctx.db.tokenSource.findFirst({ where: { id: sourceId, projectId: ctx.projectId } });
  if (!source) return { kind: 'failed', message: 'no such token source' };
  try {
    const dir = await confinedPath(root, source.path);
    const read = await readTokenSource(dir, source.resolver);
    if (read.hash === source.lastHash) {
      await ctx.db.tokenSource.update({
        where: { id: source.id },
        data: { lastCheckedAt: new Date(), lastError: null },
      });
      return { kind: 'unchanged' };
    }
    const components = await ctx.db.component.findMany({
      where: { projectId: ctx.projectId, removedAt: null },
      select: { latestSpec: true },
    });
    const specs = components.map((c) => latestSpecIfValid(c.latestSpec)).filter((s) => s !== null);
    const applied = await applyDesign(
      ctx,
      {
        fileKey: `tokens-${source.id.slice(0, 8)}`,
        fileName: source.path,
        tokens: { format: 'dtcg-resolver', resolver: read.resolver as never, documents: read.documents as never },
        components: specs,
      },
      { trigger: 'token_change', policyForNew: 'notify' as Policy, onlyKnown: true },
    );
    await ctx.db.tokenSource.update({
      where: { id: source.id },
      data: { lastHash: read.hash, lastCheckedAt: new Date(), lastError: null, lastWarnings: applied.warnings },
    });
    return { kind: 'applied', applied };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await ctx.db.$transaction(async (tx) => {
      await tx.tokenSource.update({
        where: { id: source.id },
        data: { lastError: message, lastCheckedAt: new Date() },
      });
      // Told once when the source breaks, not at every save while it stays broken.
      if (source.lastError === null) {
        await notify(tx, ctx, [
          {
            kind: 'check.failed',
            title: `Token files ${source.path} could not be read`,
            body: message,
            data: { tokenSourceId: source.id, path: source.path },
          },
        ]);
      }
    });
    return { kind: 'failed', message };
  }
}

/**
 * Watches the directories of token sources (recursively) and calls `changed(sourceId)` once a
 * burst of writes has settled for `debounceMs`.
 */
export class TokenSourceWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly debounceMs: number,
    private readonly changed: (sourceId: string, projectId: string) => void,
  ) {}

  watch(source: { id: string; projectId: string }, dir: string): void {
    if (this.watchers.has(source.id)) return;
    const watcher = watch(dir, { recursive: true, persistent: false }, () => {
      clearTimeout(this.timers.get(source.id));
      this.timers.set(
        source.id,
        setTimeout(() => {
          this.timers.delete(source.id);
          this.changed(source.id, source.projectId);
        }, this.debounceMs),
      );
    });
    watcher.on('error', () => this.unwatch(source.id));
    this.watchers.set(source.id, watcher);
  }

  unwatch(sourceId: string): void {
    this.watchers.get(sourceId)?.close();
    this.watchers.delete(sourceId);
    clearTimeout(this.timers.get(sourceId));
    this.timers.delete(sourceId);
  }

  close(): void {
    for (const id of [...this.watchers.keys()]) this.unwatch(id);
  }
}
