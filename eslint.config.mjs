// `npm run lint` (run by `npm test`): typescript-eslint, import-x (no cycles, the layout's
// dependency rule from docs/architecture.md) and Prettier's formatting checked separately.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';

// Feature folders of the server: other code enters each only through its index.ts.
const FEATURES = [
  'sync',
  'propose',
  'versions',
  'generation',
  'automation',
  'notifications',
  'reports',
  'projects',
  'previews',
  'delivery',
];

const featureZones = FEATURES.map((feature) => ({
  target: [
    './server/*.ts',
    './server/!(services)/**/*',
    './server/services/*.ts',
    `./server/services/!(${feature})/**/*`,
  ],
  from: `./server/services/${feature}`,
  except: ['./index.ts'],
  message: `enter services/${feature} through its index.ts`,
}));

const layerZones = [
  {
    target: './core',
    from: ['./server', './plugin', './cli', './test', './bench'],
    message: 'core is pure: it imports nothing outside core',
  },
  { target: './plugin', from: ['./server', './cli'], message: 'the plugin never imports the server or the CLI' },
  { target: './server', from: ['./plugin', './cli'], message: 'the server never imports the plugin or the CLI' },
  { target: './cli', from: ['./server', './plugin'], message: 'the CLI never imports the server or the plugin' },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'server/db/generated/**',
      'coverage/**',
      'test/output/**',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.core.json',
          './tsconfig.server.json',
          './plugin/tsconfig.main.json',
          './plugin/tsconfig.ui.json',
          './tsconfig.test.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      // How import-x reads the modules an import leads to (no-cycle follows them through TypeScript files).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          noWarnOnMultipleProjects: true,
          project: ['./tsconfig.server.json', './plugin/tsconfig.ui.json', './tsconfig.test.json'],
        }),
      ],
    },
    rules: {
      // Type-aware where it pays: a promise nobody awaits loses its error.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    // Feature folders only through their index.ts (inside a feature, its own files are free).
    files: ['server/**/*.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...featureZones] }] },
  },
  prettier,
);
