import nx from '@nx/eslint-plugin';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

// Packages that must never reach the pure domain lib or the browser.
const SERVER_PACKAGES = [
  '@nestjs/*',
  'nestjs-pino',
  'pino',
  'pino-http',
  'typeorm',
  'pg',
  'bull',
  'ioredis',
  'express',
  'cors',
  '@electric-sql/*',
  'glpk.js',
  'highs',
  'class-validator',
  'class-transformer',
];
const BROWSER_PACKAGES = ['react', 'react-dom', 'react-router-dom', 'mapbox-gl', 'recharts'];
const IO_MODULES = ['fs', 'node:fs', 'child_process', 'node:child_process', 'http', 'node:http', 'net', 'node:net', 'os', 'node:os'];

const NO_IO = 'Pure and browser code does no I/O: pass data (and the clock) in.';

const LIBS = ['type:domain', 'type:contracts', 'type:config', 'type:data-access', 'type:server-core'];

/** Which project may import which; `extra` tags are added to every rule (tests may use the testing lib). */
function boundaries(extra) {
  const may = (tags) => [...tags, ...extra];
  return {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: [
      // Pure logic: no framework, no I/O.
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: may(['type:domain']), bannedExternalImports: [...SERVER_PACKAGES, ...BROWSER_PACKAGES, ...IO_MODULES] },
      // Shared with the browser: plain types and constants.
      { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: may(['type:contracts', 'type:domain']), bannedExternalImports: [...SERVER_PACKAGES, ...BROWSER_PACKAGES, ...IO_MODULES] },
      { sourceTag: 'type:config', onlyDependOnLibsWithTags: may(['type:config', 'type:domain']), bannedExternalImports: [...SERVER_PACKAGES, ...BROWSER_PACKAGES] },
      { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: may(['type:data-access', 'type:config', 'type:contracts', 'type:domain']), bannedExternalImports: ['@nestjs/*', ...BROWSER_PACKAGES] },
      { sourceTag: 'type:server-core', onlyDependOnLibsWithTags: may(['type:server-core', ...LIBS]), bannedExternalImports: BROWSER_PACKAGES },
      { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', ...LIBS] },
      // Browser journeys drive the built apps from outside: test support and shared contracts only.
      { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:contracts'] },
      // Apps use libs, never each other.
      { sourceTag: 'type:app', onlyDependOnLibsWithTags: may(LIBS) },
      { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: may(['type:contracts', 'type:domain']), bannedExternalImports: [...SERVER_PACKAGES, ...IO_MODULES] },
    ],
  };
}

export default [
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'tmp/**', 'data/**', 'coverage/**', '.nx/**', '**/*.cjs', '**/*.mjs', '**/*.js'],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: { '@nx/enforce-module-boundaries': ['error', boundaries([])] },
  },
  {
    // Nx does not see Node's built-in modules; the pure libs must not touch them.
    files: ['libs/domain/**/*.ts', 'libs/contracts/**/*.ts', 'apps/dashboard/**/*.ts', 'apps/dashboard/**/*.tsx'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx', 'apps/dashboard/vite.config.mts', 'apps/dashboard/src/test-utils/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...IO_MODULES, 'crypto', 'path', 'worker_threads'].map((name) => ({ name, message: NO_IO })),
          patterns: [{ group: ['node:*'], message: NO_IO }],
        },
      ],
    },
  },
  {
    // Type-aware rules that catch lost promises and unhandled cases.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts', 'tools/**/*.ts', 'docker/**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './apps/dashboard/tsconfig.json'],
        tsconfigRootDir: root,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/src/test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(['type:testing'])],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-properties': ['error', { object: 'it', property: 'only' }, { object: 'describe', property: 'only' }, { object: 'test', property: 'only' }],
    },
  },
];
