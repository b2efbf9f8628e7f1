/**
 * Reads batched by key: per-request DataLoaders that answer in key order (row scope applied),
 * and calls of concurrent requests gathered in one turn of the event loop (the gateway's
 * subgraph batches, the data layer's merged reads).
 */
export * from './gather';
export * from './loaders';
