// @ts-check
// Lint rules and the import boundaries of the layers. Formatting is Prettier's (eslint-config-prettier turns off what it owns).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SUBGRAPHS = ['registry', 'scoring', 'agreements', 'appeals'];

// Import restrictions by concern; a file gets the union of the concerns of its folder (one rule, so each folder's entry lists them all).
const subgraphsAndGateway = {
  regex: '^(@pq/(registry|scoring|agreements|appeals|gateway)(/|$)|(\\.\\./)+(subgraphs|gateway)(/|$))',
  message: 'Shared packages never import a subgraph or the gateway.',
};
const otherSubgraph = (own) => {
  const others = SUBGRAPHS.filter((name) => name !== own).join('|');
  return {
    regex: `^(@pq/(${others})(/|$)|(\\.\\./)+(subgraphs/)?(${others}|gateway)(/|$))`,
    message: 'A subgraph never imports another subgraph (or the gateway): it learns of them through events and federation.',
  };
};
const sqlHelpers = {
  name: '@pq/data',
  importNames: ['queryRows', 'findRows', 'toEntities'],
  message: "SQL belongs to the subgraph's repositories (src/repositories/); call a repository.",
};
const pureDomain = (allowed) => ({
  regex: `^(?!(${allowed.join('|')})$)`,
  allowTypeImports: true,
  message: 'Domain rules are pure: values only from other domain files, @pq/time, @pq/errors and validid (no I/O); import type is fine.',
});
const DOMAIN_IMPORTS = ['\\./[^/]+', '@pq/time', '@pq/errors', 'validid/cnid'];
const commandsWithoutGraphql = [
  {
    regex: '^(\\.\\./)+resolvers(/|$)',
    message: 'Commands know nothing of GraphQL: resolvers call commands, never the reverse.',
  },
  {
    regex: '^(graphql|type-graphql|@pq/graphql|@pq/subgraph|@apollo/.*)(/.*)?$',
    message: 'Commands know nothing of GraphQL: take plain command types and the actor (commands/actor.ts).',
  },
];
const restrict = (...restrictions) => [
  'error',
  {
    paths: restrictions.filter((restriction) => 'name' in restriction),
    patterns: restrictions.filter((restriction) => !('name' in restriction)),
  },
];

const perSubgraph = SUBGRAPHS.flatMap((name) => {
  const own = otherSubgraph(name);
  const root = `subgraphs/${name}/src`;
  return [
    {
      files: [`subgraphs/${name}/**/*.ts`],
      rules: { '@typescript-eslint/no-restricted-imports': restrict(own, sqlHelpers) },
    },
    {
      files: [`${root}/repositories/**`, `${root}/migrations/**`],
      rules: { '@typescript-eslint/no-restricted-imports': restrict(own) },
    },
    {
      files: [`${root}/commands/**`],
      rules: { '@typescript-eslint/no-restricted-imports': restrict(own, sqlHelpers, ...commandsWithoutGraphql) },
    },
    {
      files: [`${root}/domain/**`],
      rules: { '@typescript-eslint/no-restricted-imports': restrict(own, pureDomain(DOMAIN_IMPORTS)) },
    },
    // Table tests build their calendar from the shipped year files.
    {
      files: [`${root}/domain/**/*.test.ts`],
      rules: {
        '@typescript-eslint/no-restricted-imports': restrict(own, pureDomain([...DOMAIN_IMPORTS, '@pq/time/files'])),
      },
    },
  ];
});

export default defineConfig(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'bench/hive/**',
      'bench/grafbase/**',
      'bench/results/**',
      'coverage/**',
      'operations/types.ts',
      'operations/relay/__generated__/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A `let` read by a closure before its one assignment (a shutdown handler registered before start) cannot be a const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Type-aware, so lint runs after the build (the packages' types come from their dist/): a promise nobody awaits loses its error,
    // or a write escapes its transaction. Test files belong to no tsconfig and are not type-checked.
    files: ['packages/*/src/**/*.ts', 'subgraphs/*/src/**/*.ts', 'gateway/src/**/*.ts', 'scripts/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Tests read GraphQL answers as untyped JSON.
    files: ['test/**', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  { files: ['packages/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': restrict(subgraphsAndGateway) } },
  {
    // What pure domain code may import carries no I/O: the working-day calendar reads its year files in ./files (@pq/time/files), outside the barrel.
    files: ['packages/time/src/**/*.ts'],
    ignores: ['packages/time/src/files.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(subgraphsAndGateway, {
        regex: '^(?!(\\./(?!files$)[^/]+|@pq/errors|lunar-typescript)$)',
        allowTypeImports: true,
        message: '@pq/time is what pure domain code imports: no I/O (file reading lives in ./files).',
      }),
    },
  },
  {
    files: ['packages/errors/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(subgraphsAndGateway, {
        regex: '^(?!\\./[^/]+$)',
        allowTypeImports: true,
        message: '@pq/errors imports nothing: pure domain code depends on it.',
      }),
    },
  },
  ...perSubgraph,
  {
    files: ['subgraphs/*/src/**/*.ts'],
    ignores: ['subgraphs/*/src/repositories/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(execute|getConnection|getKnex|createQueryBuilder)$/]",
          message: "SQL belongs to the subgraph's repositories (src/repositories/); call a repository.",
        },
      ],
    },
  },
  prettier,
);
