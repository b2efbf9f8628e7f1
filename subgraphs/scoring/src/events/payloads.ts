import type { Subscribers } from '@pq/events';
import type { SubgraphName } from '@pq/http';
import type { IsoDate } from '@pq/time';

/**
 * The events scoring publishes, each with its payload: the contract its consumers read (they
 * declare what they read in their own src/events/consumed.ts; scripts/src/event-contracts.ts
 * checks both sides). Add fields, never repurpose.
 */
export interface ScoringEvents {
  /** scoring → registry: a suspension or termination decided for a person; applies at every site (R5–R6). */
  SanctionDecided: {
    sanctionId: string;
    personCode: string;
    kind: 'SUSPENSION' | 'TERMINATION';
    from: IsoDate;
    until: IsoDate | null;
    basisDocument: string;
    reRegistrationBlockedUntil: IsoDate | null;
    /**
     * The day the decision that put it in force was made: `from` for a new scoring; later than
     * `from` when an appeal or a repair re-derived the year and the sanction follows from it.
     * Absent in events written before it was added (then `from`). A sanction id already known
     * replaces what was known of it.
     */
    decidedOn?: IsoDate;
  };
  /**
   * scoring → registry: a suspension or termination no longer applies — restoration approved (S13)
   * or the decision changed on appeal (A4).
   */
  SanctionLifted: {
    sanctionId: string;
    personCode: string;
    kind: 'SUSPENSION' | 'TERMINATION';
    on: IsoDate;
    /**
     * The registrations the sanction changed are normal again from `on`: after a suspension, or a
     * decision annulled on appeal. Not after a restoration from termination, which needs a new
     * commitment and registration (S13).
     */
    reinstateRegistrations: boolean;
    cause: string;
    basisDocument: string;
    /**
     * The sanction never should have applied (a decision changed on appeal, a year re-derived):
     * the days it was enforced stay in the history, marked annulled, so the yearly liquidation can
     * refund what was clawed back for them (002 art.47–48). Absent: false.
     */
    annulled?: boolean;
  };
  /** scoring → registry: a termination's period was shortened by repair (S12): the re-registration ban ends with it. */
  ReRegistrationBanChanged: {
    personCode: string;
    sanctionId: string;
    until: IsoDate;
    /** The day the decision that shortened it took effect (a repair's, an appeal's, a restoration's decision day). */
    on: IsoDate;
    /** That decision: `repair <id>`, `appeal <id>`, `restoration <id>`. */
    basisDocument: string;
  };
  /** scoring → appeals: a score record that an appeal can be filed against. */
  ScoreRecorded: {
    scoreRecordId: string;
    personCode: string;
    institutionCode: string;
    /** Region of the institution: appeals' work queues are scoped by it. */
    regionCode: string;
    points: number;
    decidedOn: IsoDate;
    documentNumber: string;
  };
  /** scoring → appeals: the notice of a decision was delivered; appeals are due by `appealBy` (A1). */
  NoticeDelivered: {
    personCode: string;
    scoreRecordIds: string[];
    deliveredOn: IsoDate;
    appealBy: IsoDate;
  };
}

/** Who consumes each: one pending delivery per subscriber, written with the event. */
export const subscribers = {
  SanctionDecided: ['registry'],
  SanctionLifted: ['registry'],
  ReRegistrationBanChanged: ['registry'],
  ScoreRecorded: ['appeals', 'registry'],
  NoticeDelivered: ['appeals'],
} as const satisfies Subscribers<ScoringEvents, SubgraphName>;
