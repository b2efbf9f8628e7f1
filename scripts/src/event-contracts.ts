import type { AgreementsEvents, AgreementsReads } from '@pq/agreements';
import type { AppealsEvents, AppealsReads } from '@pq/appeals';
import type { RegistryEvents, RegistryReads } from '@pq/registry';
import type { ScoringEvents, ScoringReads } from '@pq/scoring';

/**
 * The event contract between subgraphs, checked when the scripts compile (`npm run build`, so
 * `npm test`). Each producer owns the payloads it publishes (src/events/payloads.ts) and each
 * consumer declares what it reads of them (src/events/consumed.ts); no subgraph imports another,
 * so this file, which sees all four, holds them together: every event a consumer reads has a
 * producer, and the producer's payload is assignable to the consumer's shape. Who subscribes to
 * what is checked at run time (test/event-contracts.test.ts).
 */
export type Published = AgreementsEvents & AppealsEvents & RegistryEvents & ScoringEvents;

/** Compiles only when the events as published fit the shapes a consumer reads. */
type Fits<Read, Produced extends Read> = Produced;

export type RegistryContract = Fits<RegistryReads, Pick<Published, keyof RegistryReads>>;
export type ScoringContract = Fits<ScoringReads, Pick<Published, keyof ScoringReads>>;
export type AgreementsContract = Fits<AgreementsReads, Pick<Published, keyof AgreementsReads>>;
export type AppealsContract = Fits<AppealsReads, Pick<Published, keyof AppealsReads>>;
