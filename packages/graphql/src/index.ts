import 'reflect-metadata';

/**
 * A subgraph's GraphQL schema from type-graphql classes: federation, scalars, Relay connections,
 * the role check of `@Authorized`, shared descriptions. Apollo Server's error formatting and
 * public-operation guard, which the gateway shares, are `@pq/graphql/server`; the limits on
 * operations and on input lengths, the same at gateway and subgraphs, `@pq/graphql/limits`.
 */
export * from './analytics';
export * from './auth-checker';
export * from './connection';
export * from './descriptions';
export * from './node';
export * from './scalars';
export * from './schema';
