import type { Subscribers } from '@pq/events';
import type { SubgraphName } from '@pq/http';
import type { IsoDate } from '@pq/time';

/**
 * The events appeals publishes, each with its payload: the contract its consumers read (they
 * declare what they read in their own src/events/consumed.ts; scripts/src/event-contracts.ts
 * checks both sides). Add fields, never repurpose.
 */
export interface AppealsEvents {
  /** appeals → scoring: an appeal changed a score (A4); an upheld decision changes nothing elsewhere. */
  AppealDecided: {
    appealId: string;
    scoreRecordId: string;
    outcome: 'CHANGED';
    /** The new points; 0 removes the score. */
    newPoints: number;
    decidedOn: IsoDate;
  };
}

/** Who consumes each: one pending delivery per subscriber, written with the event. */
export const subscribers = {
  AppealDecided: ['scoring', 'registry'],
} as const satisfies Subscribers<AppealsEvents, SubgraphName>;
