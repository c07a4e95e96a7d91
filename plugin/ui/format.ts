// Words and numbers as the screens show them.
import type { TokenChange } from '../../core/contract/changes.js';
import type { Proposal } from '../../core/contract/sync.js';
import { formatValue } from '../../core/changes/format-value.js';

/** "3 min ago", "yesterday", "12 Mar": short enough for a 420 px panel. */
export function relativeTime(iso: string, now = Date.now()): string {
  const then = new Date(iso).getTime();
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return new Date(iso).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(days > 300 ? { year: 'numeric' } : {}),
  });
}

export function versionArrow(p: Pick<Proposal, 'fromVersion' | 'toVersion'>): string {
  return `${p.fromVersion ?? 'new'} → ${p.toVersion}`;
}

/**
 * One line per token change, as a designer reads them:
 * "button/danger/bgColor/rest: {control/bgColor/rest} → #cc1a1a (Light)".
 * `nameOf` turns alias ids into token names when the tokens are known.
 */
export function tokenChangeLine(change: TokenChange, nameOf?: (id: string) => string | undefined): string {
  const value = (v: unknown) => formatValue(v, nameOf);
  const mode = change.mode ? ` (${change.mode})` : '';
  switch (change.kind) {
    case 'added':
      return `${change.name}: added`;
    case 'removed':
      return `${change.name}: removed`;
    case 'renamed':
      return `${change.previousName ?? change.tokenId} renamed to ${change.name}`;
    case 'typeChanged':
      return `${change.name}: type ${String(change.before)} → ${String(change.after)}`;
    case 'descriptionChanged':
      return `${change.name}: description changed`;
    case 'modified':
      return `${change.name}: ${change.before === undefined ? '(none)' : value(change.before)} → ${change.after === undefined ? '(none)' : value(change.after)}${mode}`;
  }
}

export const BUMP_LABEL: Record<Proposal['bump'], string> = { major: 'Breaking', minor: 'Feature', patch: 'Fix' };
