import { describe, expect, it } from 'vitest';
import {
  branchIdentifier,
  compareVersions,
  nextPrereleaseVersion,
  nextVersion,
  parseVersion,
} from '../../../core/changes/index.js';

describe('parseVersion', () => {
  it('parses releases and prereleases', () => {
    expect(parseVersion('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: '' });
    expect(parseVersion('1.4.0-experimental.2')).toEqual({
      major: 1,
      minor: 4,
      patch: 0,
      prerelease: 'experimental.2',
    });
  });
  it.each(['1.2', 'v1.2.3', '1.2.3+build', '', ' 1.2.3', 'latest'])('throws a clear error naming %j', (bad) => {
    expect(() => parseVersion(bad)).toThrow(`invalid version ${JSON.stringify(bad)}`);
  });
});

describe('compareVersions', () => {
  it('orders by semver precedence', () => {
    expect(compareVersions('1.2.3', '1.10.0')).toBe(-1);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
    expect(compareVersions('1.4.0', '1.4.0-experimental.9')).toBe(1);
    expect(compareVersions('1.4.0-experimental.10', '1.4.0-experimental.9')).toBe(1);
    expect(() => compareVersions('1.0.0', 'x')).toThrow('invalid version "x"');
  });
});

describe('nextVersion', () => {
  it('starts every component at 1.0.0 whatever the bump', () => {
    expect(nextVersion(null, 'patch')).toBe('1.0.0');
    expect(nextVersion(null, 'major')).toBe('1.0.0');
    expect(nextVersion(null, 'none')).toBe('1.0.0');
  });
  it('bumps major, minor and patch, and keeps the version for none', () => {
    expect(nextVersion('1.3.2', 'major')).toBe('2.0.0');
    expect(nextVersion('1.3.2', 'minor')).toBe('1.4.0');
    expect(nextVersion('1.3.2', 'patch')).toBe('1.3.3');
    expect(nextVersion('1.3.2', 'none')).toBe('1.3.2');
  });
  it('refuses a malformed current version', () => {
    expect(() => nextVersion('1.3', 'patch')).toThrow('invalid version "1.3"');
  });
});

describe('nextPrereleaseVersion', () => {
  it('numbers versions within the branch', () => {
    expect(nextPrereleaseVersion('1.3.2', 'minor', 'experimental', [])).toBe('1.4.0-experimental.1');
    expect(nextPrereleaseVersion('1.3.2', 'minor', 'experimental', ['1.4.0-experimental.1'])).toBe(
      '1.4.0-experimental.2',
    );
    expect(nextPrereleaseVersion('1.3.2', 'patch', 'hotfix', [])).toBe('1.3.3-hotfix.1');
  });
  it('ignores versions of other branches', () => {
    expect(nextPrereleaseVersion('1.3.2', 'minor', 'a', ['1.4.0-b.7', '1.4.0-a-b.3'])).toBe('1.4.0-a.1');
  });
  it('never sorts below a version already on the branch', () => {
    const existing = ['1.4.0-exp.1', '1.4.0-exp.2'];
    expect(nextPrereleaseVersion('1.3.2', 'patch', 'exp', existing)).toBe('1.4.0-exp.3');
    expect(nextPrereleaseVersion('1.3.2', 'major', 'exp', existing)).toBe('2.0.0-exp.1');
    expect(nextPrereleaseVersion('1.3.2', 'minor', 'exp', ['2.0.0-exp.1', ...existing])).toBe('2.0.0-exp.2');
  });
  it('sanitizes branch names into one semver identifier', () => {
    expect(branchIdentifier('Feature/New Button')).toBe('feature-new-button');
    expect(branchIdentifier('release.2')).toBe('release-2');
    expect(branchIdentifier('--ünïcode--')).toBe('unicode');
    expect(branchIdentifier('Größe')).toBe('gro-e');
    expect(branchIdentifier('2026')).toBe('branch-2026');
    expect(branchIdentifier('///')).toBe('branch');
    expect(nextPrereleaseVersion('1.0.0', 'minor', 'Feature/New Button', [])).toBe('1.1.0-feature-new-button.1');
    expect(parseVersion(nextPrereleaseVersion('1.0.0', 'patch', '007', [])).prerelease).toBe('branch-007.1');
  });
  it('bumps from the release core of a prerelease base', () => {
    expect(nextPrereleaseVersion('1.4.0-exp.2', 'patch', 'fork', [])).toBe('1.4.1-fork.1');
  });
});
