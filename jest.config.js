// Unit tests (subgraphs/<name>/src/**.test.ts) and end-to-end tests through the gateway (test/).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  // jose and validid ship ES modules only; jest's CommonJS runtime needs them transformed.
  transformIgnorePatterns: ['/node_modules/(?!(jose|validid)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@pq/(kit|registry|scoring|agreements|appeals)$': '<rootDir>/subgraphs/$1/src',
    '^@pq/gateway$': '<rootDir>/gateway/src',
  },
  testMatch: ['<rootDir>/subgraphs/*/src/**/*.test.ts', '<rootDir>/gateway/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 60_000,
  // Each end-to-end file runs five services; two workers fit two cores.
  maxWorkers: 2,
};
