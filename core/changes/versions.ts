import semver from 'semver';
import type { Bump, BumpOrNone } from '../contract/changes.js';

export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
  /** "" for a release, "experimental.2" for a branch version */
  prerelease: string;
}

export const FIRST_VERSION = '1.0.0';

/**
 * Strict semver: "1.2.3" or "1.2.3-experimental.2". Leading "v", "=" or build metadata are
 * refused rather than silently normalized, because versions are stored and compared as text.
 */
export function parseVersion(version: string): ParsedVersion {
  const parsed = typeof version === 'string' ? semver.parse(version) : null;
  if (!parsed || parsed.version !== version) {
    throw new Error(`invalid version ${JSON.stringify(version)}: expected semver such as "1.2.3" or "1.2.3-branch.1"`);
  }
  return { major: parsed.major, minor: parsed.minor, patch: parsed.patch, prerelease: parsed.prerelease.join('.') };
}

/** -1, 0 or 1 by semver precedence (a prerelease sorts before its release). */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  parseVersion(a);
  parseVersion(b);
  return semver.compare(a, b);
}

/**
 * The next main-line version. The first version of a component is 1.0.0 whatever the bump
 * (its first generated code is its first stable interface); 'none' keeps the version. A
 * prerelease is released by semver's rules ("1.4.0-x.2" + minor → "1.4.0").
 */
export function nextVersion(current: string | null, bump: BumpOrNone): string {
  if (current === null) return FIRST_VERSION;
  parseVersion(current);
  if (bump === 'none') return current;
  const next = semver.inc(current, bump);
  if (!next) throw new Error(`cannot bump ${current} by ${bump}`);
  return next;
}

/**
 * A branch name as one semver prerelease identifier: letters, digits and "-" only
 * ("Feature/New Button" → "feature-new-button"; accents are dropped, other characters become
 * "-": "Größe" → "gro-e"); a purely numeric or empty name gets a
 * "branch-" prefix, since numeric identifiers compare as numbers and may not start with 0.
 */
export function branchIdentifier(branchName: string): string {
  const id = branchName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]+/g, '')
    .toLowerCase()
    .replace(/[^0-9a-z-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (id === '') return 'branch';
  return /^[0-9]+$/.test(id) ? `branch-${id}` : id;
}

/**
 * The next version on a branch: the bump applied to the version the branch started from,
 * as a prerelease numbered within the branch ("1.3.2" + minor on "experimental" →
 * "1.4.0-experimental.1", then ".2", …). It never sorts below a version already on the branch:
 * a smaller bump after a bigger one stays on the bigger core ("1.4.0-experimental.3").
 */
export function nextPrereleaseVersion(
  baseVersion: string,
  bump: Bump,
  branchName: string,
  existingOnBranch: readonly string[],
): string {
  const id = branchIdentifier(branchName);
  const base = parseVersion(baseVersion);
  let core = nextVersion(`${base.major}.${base.minor}.${base.patch}`, bump);
  let counter = 0;
  for (const existing of existingOnBranch) {
    const v = parseVersion(existing);
    const parts = v.prerelease.split('.');
    if (parts.length !== 2 || parts[0] !== id || !/^[0-9]+$/.test(parts[1]!)) continue;
    const existingCore = `${v.major}.${v.minor}.${v.patch}`;
    const cmp = semver.compare(existingCore, core);
    if (cmp > 0) {
      core = existingCore;
      counter = Number(parts[1]);
    } else if (cmp === 0) {
      counter = Math.max(counter, Number(parts[1]));
    }
  }
  return `${core}-${id}.${counter + 1}`;
}
