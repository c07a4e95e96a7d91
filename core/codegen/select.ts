/**
 * THE SELECTION RULE. An explicit `spec.pattern` naming a registered pattern id wins
 * (compared case- and punctuation-blind: "Button" finds "button"); an explicit name that is no
 * id is read like a component name ("text-field" → input), and if that finds nothing too, the
 * component name decides. Otherwise the component name is split
 * into words ("2 Button / Primary" → 2, button, primary; "IconButton" → icon, button) and each
 * word, and each pair of neighbouring words run together ("Text Field" → textfield), is looked
 * up among the patterns' keywords. The match of highest priority wins, then the rightmost one,
 * since English puts the head noun last ("Icon Button" is a button, "Button Card" a card).
 * A container word after the match ("Button Group", "Checkbox List") means the component is
 * not one of those things, so it gets the fallback, as does a name with no keyword.
 */
import type { ComponentSpec } from '../contract/specs.js';
import { normalizeName, words } from './names.js';
import { defaultRegistry, type PatternRegistry } from './registry.js';
import type { Pattern } from './types.js';

const CONTAINERS = new Set([
  'group',
  'groups',
  'list',
  'bar',
  'toolbar',
  'stack',
  'set',
  'grid',
  'menu',
  'container',
  'row',
  'rows',
  'collection',
  'tabs',
  'nav',
  'navigation',
  'layout',
  'table',
  'form',
  'dialog',
  'modal',
]);

interface Match {
  pattern: Pattern;
  position: number;
}

/** The pattern a name designates by keyword, if any. */
export function patternForName(name: string, registry: PatternRegistry = defaultRegistry): Pattern | undefined {
  const tokens = words(name).map((w) => w.toLowerCase());
  const byKeyword = new Map<string, Pattern>();
  for (const p of registry.list()) for (const k of p.keywords) if (!byKeyword.has(k)) byKeyword.set(k, p);

  const matches: Match[] = [];
  tokens.forEach((token, i) => {
    const pair = i > 0 ? `${tokens[i - 1]}${token}` : undefined;
    const pattern = (pair !== undefined ? byKeyword.get(pair) : undefined) ?? byKeyword.get(token);
    if (pattern) matches.push({ pattern, position: i });
  });
  if (matches.length === 0) return undefined;
  const best = matches.reduce((a, b) =>
    b.pattern.priority > a.pattern.priority || (b.pattern.priority === a.pattern.priority && b.position > a.position)
      ? b
      : a,
  );
  if (tokens.slice(best.position + 1).some((t) => CONTAINERS.has(t))) return undefined;
  return best.pattern;
}

export function selectPattern(
  spec: Pick<ComponentSpec, 'name' | 'pattern'>,
  registry: PatternRegistry = defaultRegistry,
): Pattern {
  if (spec.pattern !== undefined && spec.pattern.trim() !== '') {
    const wanted = normalizeName(spec.pattern);
    const explicit =
      registry.list().find((p) => normalizeName(p.id) === wanted) ?? patternForName(spec.pattern, registry);
    if (explicit) return explicit;
  }
  return patternForName(spec.name, registry) ?? registry.fallback;
}
