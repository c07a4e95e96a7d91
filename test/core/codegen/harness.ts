/**
 * Test helpers for generated code: fixtures, an in-memory TypeScript program over generated
 * files (real node_modules for react and vitest types), and evaluation of generated modules
 * against the test's own React, so hooks and react-dom/server share one React instance.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as React from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import ts from 'typescript';
import type { GeneratedFile } from '../../../core/contract/api.js';
import type { ComponentSpec } from '../../../core/contract/specs.js';
import type { TokenSet } from '../../../core/contract/tokens.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
const fixtureDir = path.join(repoRoot, 'test/fixtures/specs');

export const SPEC_FIXTURES = [
  'button',
  'input',
  'checkbox',
  'badge',
  'tag',
  'card',
  'generic',
  'tricky-names',
] as const;

export function loadTokens(): TokenSet {
  return JSON.parse(readFileSync(path.join(fixtureDir, 'codegen-tokens.json'), 'utf8')) as TokenSet;
}

export function loadSpecs(fixture: string): ComponentSpec[] {
  const data = JSON.parse(readFileSync(path.join(fixtureDir, `codegen-${fixture}.json`), 'utf8')) as
    ComponentSpec | ComponentSpec[];
  return Array.isArray(data) ? data : [data];
}

export function loadSpec(fixture: string): ComponentSpec {
  const [spec] = loadSpecs(fixture);
  if (!spec) throw new Error(`fixture ${fixture} is empty`);
  return spec;
}

export function allSpecs(): { fixture: string; spec: ComponentSpec }[] {
  return SPEC_FIXTURES.flatMap((fixture) => loadSpecs(fixture).map((spec) => ({ fixture, spec })));
}

const CSS_MODULES_DTS =
  "declare module '*.module.css' {\n  const classes: { readonly [key: string]: string };\n  export default classes;\n}\n";

/** The strictest settings a consuming project is likely to use, plus the required ones. */
export const STRICT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  noPropertyAccessFromIndexSignature: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  jsx: ts.JsxEmit.ReactJSX,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  skipLibCheck: true,
  noEmit: true,
};

/**
 * Type-checks generated files as one program. Each group lives in its own virtual folder
 * inside the repository, so bare imports ('react', 'vitest') resolve from the real
 * node_modules while the files themselves never touch the disk.
 */
export function compileGenerated(
  groups: readonly { dir: string; files: readonly GeneratedFile[] }[],
  options = STRICT_OPTIONS,
): string[] {
  const virtualRoot = path.join(repoRoot, '.codegen-virtual');
  const virtual = new Map<string, string>();
  virtual.set(path.join(virtualRoot, 'css-modules.d.ts'), CSS_MODULES_DTS);
  for (const group of groups) {
    for (const file of group.files) virtual.set(path.join(virtualRoot, group.dir, file.path), file.content);
  }
  const host = ts.createCompilerHost(options, true);
  const realGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(fileName));
    if (text !== undefined) return ts.createSourceFile(fileName, text, languageVersion, true);
    return realGetSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  const realFileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtual.has(path.resolve(fileName)) || realFileExists(fileName);
  const realReadFile = host.readFile.bind(host);
  host.readFile = (fileName) => virtual.get(path.resolve(fileName)) ?? realReadFile(fileName);
  const realDirectoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (dir) => {
    const resolved = path.resolve(dir);
    if ([...virtual.keys()].some((f) => f.startsWith(resolved + path.sep))) return true;
    return realDirectoryExists ? realDirectoryExists(dir) : ts.sys.directoryExists(dir);
  };

  const rootNames = [...virtual.keys()].filter((f) => /\.(tsx?|d\.ts)$/.test(f));
  const program = ts.createProgram({ rootNames, options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined
        ? `${path.relative(virtualRoot, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: `
        : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** Class names a CSS file defines (comments stripped, so class-like text in comments does not count). */
export function cssClasses(css: string): Set<string> {
  const code = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return new Set([...code.matchAll(/\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)/g)].map((m) => m[1] as string));
}

/**
 * Evaluates a generated module: TypeScript's own transpiler to CommonJS, run with a require()
 * that serves the test's React, sibling generated files, and CSS modules as a map from each
 * class the generated CSS really defines to itself (an undefined class stays undefined, so a
 * component referring to a class its CSS lacks is caught).
 */
export function moduleLoader(files: readonly GeneratedFile[]): (entry: string) => Record<string, unknown> {
  const cache = new Map<string, Record<string, unknown>>();
  const load = (file: string): Record<string, unknown> => {
    const cached = cache.get(file);
    if (cached) return cached;
    const source = files.find((f) => f.path === file);
    if (!source) throw new Error(`no generated file ${file}`);
    const { outputText } = ts.transpileModule(source.content, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        jsx: ts.JsxEmit.ReactJSX,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    const module = { exports: {} as Record<string, unknown> };
    cache.set(file, module.exports);
    const require = (specifier: string): unknown => {
      if (specifier === 'react') return React;
      if (specifier === 'react/jsx-runtime') return jsxRuntime;
      if (specifier.endsWith('.module.css')) {
        const css = files.find((f) => f.path === specifier.replace(/^\.\//, ''));
        if (!css) throw new Error(`missing ${specifier}`);
        const defined = cssClasses(css.content);
        return { __esModule: true, default: Object.fromEntries([...defined].map((c) => [c, c])) };
      }
      if (specifier.startsWith('./')) return load(`${specifier.slice(2)}.tsx`);
      throw new Error(`generated code imports ${specifier}`);
    };
    new Function('require', 'module', 'exports', outputText)(require, module, module.exports);
    return module.exports;
  };
  return load;
}

export function fileOf(files: readonly GeneratedFile[], suffix: string): GeneratedFile {
  const file = files.find((f) => f.path.endsWith(suffix));
  if (!file) throw new Error(`no *${suffix} among ${files.map((f) => f.path).join(', ')}`);
  return file;
}

/** Fisher–Yates with a seeded generator, for shuffled-but-equal inputs. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function shuffleKeys<T>(record: Record<string, T>, seed: number): Record<string, T> {
  return Object.fromEntries(shuffled(Object.entries(record), seed));
}
