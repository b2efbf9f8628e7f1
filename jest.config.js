// Unit tests (packages/<name>/src/**.test.ts, subgraphs/<name>/src/**.test.ts) and end-to-end tests through the gateway (test/).
// ts-jest transpiles each file on its own (isolated modules), with decorator metadata, like tsc does for the build.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(ts|js|mjs)$': tsJest },
  // jose, validid, auto-bind (of graphql-codegen) and fhir-kit-client ship ES modules only; jest's CommonJS runtime needs them transformed.
  transformIgnorePatterns: ['/node_modules/(?!(jose|validid|auto-bind|fhir-kit-client)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@pq/(errors|time|caller|batching|data|events|graphql|http|subgraph)$': '<rootDir>/packages/$1/src',
    '^@pq/(errors|time|caller|batching|data|events|graphql|http|subgraph)/(.*)$': '<rootDir>/packages/$1/src/$2',
    '^@pq/(registry|scoring|agreements|appeals)$': '<rootDir>/subgraphs/$1/src',
    '^@pq/gateway$': '<rootDir>/gateway/src',
    // Its package exports only an `import` entry, which jest's CommonJS resolver does not take.
    '^fhir-kit-client$': '<rootDir>/node_modules/fhir-kit-client/dist/index.js',
  },
  testMatch: [
    '<rootDir>/packages/*/src/**/*.test.ts',
    '<rootDir>/subgraphs/*/src/**/*.test.ts',
    '<rootDir>/gateway/src/**/*.test.ts',
    '<rootDir>/test/**/*.test.ts',
  ],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 60_000,
  // Each end-to-end file runs five services; two workers fit two cores.
  maxWorkers: 2,
};
