/**
 * Events between subgraphs, the mechanism only: an outbox written in the change's transaction,
 * a relay delivering it in order at least once, and delivery applying each event exactly once.
 * The payloads belong to the subgraphs that publish them.
 */
export * from './delivery';
export * from './events';
export * from './outbox';
export * from './relay';
