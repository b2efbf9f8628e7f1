import type { Subscribers } from '@pq/events';
import type { SubgraphName } from '@pq/http';
import type { IsoDate } from '@pq/time';

/**
 * The events appeals publishes, each with its payload: the contract its consumers read (they
 * declare what they read in their own src/events/consumed.ts; scripts/src/event-contracts.ts
 * checks both sides). Add fields, never repurpose.
 */
export interface AppealsEvents {
  /**
   * appeals → scoring, registry: an appeal reached its end — upheld, changed or withdrawn (A4). Only a
   * changed score changes anything elsewhere (scoring); the change feed records every outcome.
   */
  AppealDecided: {
    appealId: string;
    /** Null for an agreement dispute (003 art.35). */
    scoreRecordId: string | null;
    outcome: 'UPHELD' | 'CHANGED' | 'WITHDRAWN';
    /** The new points of a changed score; 0 removes it. Null when no score changed. */
    newPoints: number | null;
    /** The day of the decision (or of the withdrawal). */
    decidedOn: IsoDate;
    /** The person appealing; null for an agreement dispute. */
    personCode: string | null;
    institutionCode: string;
    /** The decision appealed against: the score record's document, or the disputed agreement decision. */
    decisionDocument: string | null;
  };
}

/** Who consumes each: one pending delivery per subscriber, written with the event. */
export const subscribers = {
  AppealDecided: ['scoring', 'registry'],
} as const satisfies Subscribers<AppealsEvents, SubgraphName>;
