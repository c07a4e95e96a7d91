/**
 * Refuses seeds describing a file Figma could not produce (255-based colors, a value missing
 * for a mode, a BOOLEAN property key without its "#id" suffix, …), so a fixture cannot make
 * the plugin pass against data it will never see. Future kinds are let through unchecked.
 */
import { analyzeSet } from './variants.js';
import type { FakeComponentSetSeed, FakeFile, FakePropertyDefinitionsSeed, FakeSceneSeed } from './seed.js';

const KNOWN_VARIABLE_TYPES = new Set(['BOOLEAN', 'COLOR', 'FLOAT', 'STRING', 'EASING', 'TIMING']);
const SUFFIXED_PROPERTY_TYPES = new Set(['BOOLEAN', 'TEXT', 'INSTANCE_SWAP', 'SLOT']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const unit = (v: unknown): boolean => typeof v === 'number' && v >= 0 && v <= 1;
const isAlias = (v: unknown): boolean => isRecord(v) && v.type === 'VARIABLE_ALIAS' && typeof v.id === 'string';

function valueProblem(type: string, value: unknown): string | undefined {
  if (isAlias(value)) return undefined;
  switch (type) {
    case 'COLOR':
      return isRecord(value) && unit(value.r) && unit(value.g) && unit(value.b) && unit(value.a)
        ? undefined
        : 'a COLOR value is { r, g, b, a } with each channel 0–1';
    case 'FLOAT':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a FLOAT value is a finite number';
    case 'STRING':
      return typeof value === 'string' ? undefined : 'a STRING value is a string';
    case 'BOOLEAN':
      return typeof value === 'boolean' ? undefined : 'a BOOLEAN value is a boolean';
    default:
      return undefined;
  }
}

function paintProblems(paints: unknown, at: () => string, problems: string[]): void {
  if (!Array.isArray(paints)) return;
  paints.forEach((paint: unknown, i) => {
    if (isRecord(paint) && paint.type === 'SOLID') {
      const c = paint.color;
      if (!isRecord(c) || !unit(c.r) || !unit(c.g) || !unit(c.b))
        problems.push(`${at()}[${i}]: SOLID color channels are 0–1`);
    }
  });
}

function definitionProblems(defs: FakePropertyDefinitionsSeed, at: () => string, problems: string[]): void {
  for (const [key, def] of Object.entries(defs)) {
    if (def.type === 'VARIANT' && key.includes('#'))
      problems.push(`${at()}["${key}"]: VARIANT keys carry no "#id" suffix`);
    if (SUFFIXED_PROPERTY_TYPES.has(def.type) && !/#[^#]+$/.test(key)) {
      problems.push(`${at()}["${key}"]: ${def.type} keys end with Figma's "#id" suffix, e.g. "${key}#1:0"`);
    }
    if (def.type === 'BOOLEAN' && typeof def.defaultValue !== 'boolean')
      problems.push(`${at()}["${key}"]: a BOOLEAN default is a boolean`);
  }
}

function setProblems(set: FakeComponentSetSeed, at: () => string, problems: string[]): void {
  definitionProblems(set.componentPropertyDefinitions, () => `${at()}.componentPropertyDefinitions`, problems);
  set.children.forEach((child, i) => {
    if (child.type !== 'COMPONENT') problems.push(`${at()}.children[${i}]: a component set holds components only`);
    if (child.componentPropertyDefinitions)
      problems.push(`${at()}.children[${i}]: a variant has no componentPropertyDefinitions of its own (its set has)`);
  });
  const analysis = analyzeSet(set);
  if (analysis.conflicting) return;
  const variantKeys = Object.entries(set.componentPropertyDefinitions)
    .filter(([, d]) => d.type === 'VARIANT')
    .map(([k]) => k)
    .sort();
  const names = Object.keys(analysis.groups).sort();
  if (variantKeys.join(',') !== names.join(',')) {
    problems.push(
      `${at()}: VARIANT definitions (${variantKeys.join(', ')}) differ from the variants' properties (${names.join(', ')})`,
    );
  }
}

export function validateSeed(file: FakeFile): void {
  const problems: string[] = [];
  const nodeIds = new Set<string>(['0:0']);
  const unique = (ids: Set<string>, id: string, at: string) => {
    if (ids.has(id)) problems.push(`${at}: duplicate id "${id}"`);
    ids.add(id);
  };

  const modesOf = new Map<string, Set<string>>();
  const collectionIds = new Set<string>();
  file.collections.forEach((c, i) => {
    const at = `collections[${i}] "${c.name}"`;
    unique(collectionIds, c.id, at);
    const modes = new Set(c.modes.map((m) => m.modeId));
    if (modes.size === 0) problems.push(`${at}: a collection has at least one mode`);
    if (modes.size !== c.modes.length) problems.push(`${at}: mode ids repeat`);
    if (c.defaultModeId !== undefined && !modes.has(c.defaultModeId))
      problems.push(`${at}: defaultModeId is not one of its modes`);
    modesOf.set(c.id, modes);
    if (
      !c.isExtension &&
      (c.parentVariableCollectionId !== undefined ||
        c.variableOverrides !== undefined ||
        c.modes.some((m) => m.parentModeId !== undefined))
    ) {
      problems.push(`${at}: only an extended collection (isExtension) has a parent, parent modes or overrides`);
    }
  });
  // Extended collections: a parent that exists, modes that inherit the parent's, overrides of the
  // variables they inherit (their root collection's), in their own modes.
  const byCollectionId = new Map(file.collections.map((c) => [c.id, c]));
  file.collections.forEach((c, i) => {
    if (!c.isExtension) return;
    const at = `collections[${i}] "${c.name}"`;
    const parent =
      c.parentVariableCollectionId === undefined ? undefined : byCollectionId.get(c.parentVariableCollectionId);
    if (!parent) {
      problems.push(`${at}: an extended collection names its parent collection (parentVariableCollectionId)`);
      return;
    }
    const parentModes = new Set(parent.modes.map((m) => m.modeId));
    for (const m of c.modes)
      if (m.parentModeId === undefined || !parentModes.has(m.parentModeId))
        problems.push(`${at} mode "${m.name}": parentModeId is one of the parent's modes`);
    let root = parent;
    for (let hops = 0; root.isExtension && hops < file.collections.length; hops++)
      root = byCollectionId.get(root.parentVariableCollectionId ?? '') ?? root;
    const inherited = new Set(file.variables.filter((v) => v.variableCollectionId === root.id).map((v) => v.id));
    for (const [variableId, byMode] of Object.entries(c.variableOverrides ?? {})) {
      if (!inherited.has(variableId))
        problems.push(`${at}: overrides ${variableId}, which is not a variable of its root collection ${root.id}`);
      for (const mode of Object.keys(byMode))
        if (!modesOf.get(c.id)?.has(mode)) problems.push(`${at}: override of ${variableId} in unknown mode ${mode}`);
    }
  });

  const variableIds = new Set<string>();
  file.variables.forEach((v, i) => {
    const at = `variables[${i}] "${v.name}"`;
    unique(variableIds, v.id, at);
    if (byCollectionId.get(v.variableCollectionId)?.isExtension)
      problems.push(`${at}: an extended collection holds no variables of its own (they live in its root collection)`);
    const modes = modesOf.get(v.variableCollectionId);
    if (!modes) return; // orphan: its collection was deleted
    const given = Object.keys(v.valuesByMode);
    if (given.length !== modes.size || !given.every((m) => modes.has(m))) {
      problems.push(
        `${at}: valuesByMode has one value per mode of its collection (${[...modes].join(', ')}), got ${given.join(', ')}`,
      );
    }
    if (!KNOWN_VARIABLE_TYPES.has(v.resolvedType)) return;
    for (const [mode, value] of Object.entries(v.valuesByMode)) {
      const problem = valueProblem(v.resolvedType, value);
      if (problem) problems.push(`${at} mode ${mode}: ${problem}, got ${JSON.stringify(value)}`);
    }
  });

  const styleIds = new Set<string>();
  for (const [kind, styles] of Object.entries({
    paintStyles: file.paintStyles,
    textStyles: file.textStyles,
    effectStyles: file.effectStyles,
    gridStyles: file.gridStyles,
  })) {
    (styles ?? []).forEach((s, i) => {
      unique(styleIds, s.id, `${kind}[${i}] "${s.name}"`);
      if ('paints' in s) paintProblems(s.paints, () => `${kind}[${i}].paints`, problems);
    });
  }

  // Paths are built only for a problem: a large fixture has tens of thousands of nodes.
  const walk = (node: FakeSceneSeed, at: () => string): void => {
    if (nodeIds.has(node.id)) problems.push(`${at()}: duplicate id "${node.id}"`);
    nodeIds.add(node.id);
    if (node.fills !== undefined && node.fills !== 'MIXED') paintProblems(node.fills, () => `${at()}.fills`, problems);
    if (node.strokes !== undefined) paintProblems(node.strokes, () => `${at()}.strokes`, problems);
    if (node.type === 'COMPONENT_SET') setProblems(node, at, problems);
    if (node.type === 'TEXT' && node.segments) {
      if (node.segments.some((segment) => segment.characters === ''))
        problems.push(`${at()}.segments: a segment has at least one character`);
      if (
        node.characters !== undefined &&
        node.characters !== node.segments.map((segment) => segment.characters).join('')
      ) {
        problems.push(`${at()}: characters differ from its segments' characters joined`);
      }
      if (node.fills !== undefined) problems.push(`${at()}: a text layer with segments takes its fills from them`);
      node.segments.forEach((segment, k) =>
        paintProblems(segment.fills, () => `${at()}.segments[${k}].fills`, problems),
      );
    }
    if (node.type === 'COMPONENT' && node.componentPropertyDefinitions) {
      definitionProblems(node.componentPropertyDefinitions, () => `${at()}.componentPropertyDefinitions`, problems);
    }
    const children = 'children' in node ? (node.children ?? []) : [];
    children.forEach((c, i) => walk(c, () => `${at()} > [${i}] ${c.type} "${c.name}"`));
  };
  file.pages.forEach((page, p) => {
    unique(nodeIds, page.id, `pages[${p}]`);
    page.children.forEach((c, i) => walk(c, () => `pages[${p}] "${page.name}" > [${i}] ${c.type} "${c.name}"`));
  });

  if (problems.length > 0) {
    const shown = problems
      .slice(0, 20)
      .map((p) => `  - ${p}`)
      .join('\n');
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
    throw new Error(`fake figma seed: ${problems.length} problem(s):\n${shown}${more}`);
  }
}
