import 'reflect-metadata';

/**
 * A subgraph's GraphQL schema from type-graphql classes: federation, scalars, Relay connections,
 * the role check of `@Authorized`, shared descriptions and input limits. Apollo Server's error
 * formatting and public-operation guard, which the gateway shares, are `@pq/graphql/server`.
 */
export * from './auth-checker';
export * from './connection';
export * from './descriptions';
export * from './scalars';
export * from './schema';
