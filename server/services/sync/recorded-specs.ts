// The designs syncs recorded, by digest, in memory: a sync that names a thousand components
// unchanged finds their specs here instead of reading and parsing megabytes of latest_spec.
// Content-addressed, so never stale: a digest names one spec, whichever component or project.
import { canonicalJson, sha256Hex } from '../../../core/tokens/hash.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';

/** The canonical JSON characters kept at most (the objects take a few times as much memory). */
const MAX_CHARS = 48 * 1024 * 1024;

const recorded = new Map<string, { spec: ComponentSpec; chars: number }>();
let chars = 0;

/**
 * The spec's digest (core/specs specDigest, computed here from the same canonical JSON), and the
 * spec kept under it. Kept specs are frozen: every later sync shares the object.
 */
export function recordSpec(spec: ComponentSpec): string {
  const json = canonicalJson(spec);
  const digest = sha256Hex(json);
  if (!recorded.has(digest) && json.length <= MAX_CHARS / 8) {
    recorded.set(digest, { spec: deepFreeze(spec), chars: json.length });
    chars += json.length;
    for (const [key, entry] of recorded) {
      if (chars <= MAX_CHARS) break;
      recorded.delete(key);
      chars -= entry.chars;
    }
  }
  return digest;
}

/** The spec recorded under `digest` by this process, most recently used kept longest. */
export function recordedSpec(digest: string): ComponentSpec | undefined {
  const entry = recorded.get(digest);
  if (!entry) return undefined;
  recorded.delete(digest);
  recorded.set(digest, entry);
  return entry.spec;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const member of Object.values(value)) deepFreeze(member);
  }
  return value;
}

/** Forgets every kept spec, as a restarted server starts (for the benchmarks' cold figures). */
export function forgetRecordedSpecs(): void {
  recorded.clear();
  chars = 0;
}
