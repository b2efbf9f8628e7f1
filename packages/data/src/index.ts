/**
 * The database of a subgraph: connection and migrations, reads by entity shape and raw SQL with
 * bound parameters, aggregate locks, idempotent and audited mutations, the platform's own tables.
 */
export * from './audit';
export * from './coalesce';
export * from './db';
export * from './idempotency';
export * from './locks';
export * from './migrations';
export * from './platform-entities';
export * from './rows';
