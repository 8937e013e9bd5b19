import type { Config } from 'jest';

// Workspace libs are imported from their sources, so tests need no build.
const moduleNameMapper = {
  '^@flexmeasures/(.*)$': '<rootDir>/libs/$1/src/index.ts',
};

const transform = {
  '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
};

const config: Config = {
  // Real PostgreSQL/Redis probing happens once; see tools/testing/global-setup.ts.
  globalSetup: '<rootDir>/tools/testing/global-setup.ts',
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'server',
      testEnvironment: 'node',
      rootDir: __dirname,
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools', '<rootDir>/docker'],
      testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/dashboard/'],
      moduleNameMapper,
      transform,
      setupFiles: ['<rootDir>/tools/testing/setup-env.ts'],
    },
    {
      displayName: 'dashboard',
      testEnvironment: 'jsdom',
      rootDir: __dirname,
      roots: ['<rootDir>/apps/dashboard'],
      testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      moduleNameMapper: { ...moduleNameMapper, '\\.css$': '<rootDir>/tools/testing/style-stub.js' },
      transform,
    },
    {
      // Journeys through the built dashboard in headless Chromium (playwright-core).
      displayName: 'browser',
      testEnvironment: 'node',
      rootDir: __dirname,
      roots: ['<rootDir>/apps/dashboard-e2e'],
      testMatch: ['**/*.browser-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      moduleNameMapper,
      transform,
      setupFiles: ['<rootDir>/tools/testing/setup-env.ts'],
    },
  ],
};

export default config;
