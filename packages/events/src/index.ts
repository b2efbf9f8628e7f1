/**
 * Events between subgraphs, the mechanism only: an outbox written in the change's transaction,
 * a relay delivering it in order at least once, and delivery applying each event exactly once.
 * The payloads belong to the subgraphs that publish them. Events a subscriber keeps refusing
 * wait aside as dead letters until an operator replays or discards them.
 */
export * from './dead-letters';
export * from './delivery';
export * from './events';
export * from './outbox';
export * from './relay';
