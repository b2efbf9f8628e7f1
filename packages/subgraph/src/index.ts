import 'reflect-metadata';

/**
 * What makes a subgraph a service: its definition, the request context built in one place, the
 * audit log every subgraph serves, and the runner that wires database, events, GraphQL and the
 * HTTP shell together.
 */
export * from './audit-log';
export * from './context';
export * from './export';
export * from './service';
