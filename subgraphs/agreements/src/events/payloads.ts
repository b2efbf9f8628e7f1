import type { Subscribers } from '@pq/events';
import type { SubgraphName } from '@pq/http';
import type { IsoDate } from '@pq/time';

/**
 * The events agreements publishes, each with its payload: the contract its consumers read (they
 * declare what they read in their own src/events/consumed.ts; scripts/src/event-contracts.ts
 * checks both sides). Add fields, never repurpose.
 */
export interface AgreementsEvents {
  /** agreements → registry, scoring, appeals: an institution and its current agreement, as designated or imported. */
  InstitutionUpserted: {
    code: string;
    name: string;
    kind: 'MEDICAL' | 'PHARMACY';
    regionCode: string;
    agreement: {
      id: string;
      status: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED' | 'EXPIRED';
      /**
       * The day the current status took effect (a measure's effective day, else the first day of
       * validity). Absent in events written before it was added.
       */
      statusSince?: IsoDate;
      validFrom: IsoDate;
      validUntil: IsoDate;
    } | null;
  };
  /**
   * agreements → registry: an agreement (or one department of it) was suspended, resumed or
   * terminated. The registrations at that institution of the persons named responsible follow
   * (R7); with `allStaff`, those of all its staff (Zhoushan, 004 art.15).
   */
  AgreementMeasureApplied: {
    measureId: string;
    institutionCode: string;
    action: 'SUSPEND' | 'RESUME' | 'TERMINATE';
    effectiveOn: IsoDate;
    responsiblePersonCodes: string[];
    allStaff: boolean;
    reason: string;
    basisDocument: string | null;
    /** The department (科室) of a department-level measure (G14); null or absent for the whole agreement. */
    department?: string | null;
  };
}

/** Who consumes each: one pending delivery per subscriber, written with the event. */
export const subscribers = {
  InstitutionUpserted: ['registry', 'scoring', 'appeals'],
  AgreementMeasureApplied: ['registry'],
} as const satisfies Subscribers<AgreementsEvents, SubgraphName>;
