import type { IsoDate } from './dates';
import type { SubgraphName } from './config';

/**
 * The domain events that cross subgraph boundaries: the only way one subgraph learns another's
 * facts besides federation references. Payloads are the contract; add fields, never repurpose.
 */
export interface EventPayloads {
  /** agreements → registry, scoring: an institution and its current agreement, as designated or imported. */
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
  /** registry → scoring: a person now has a live registration (scoring refuses scores for unknown persons). */
  PersonRegistered: {
    personCode: string;
    name: string;
    category: string;
    institutionCode: string;
    /** Region of the institution: where the person works, for row scope. */
    regionCode: string;
    registrationId: string;
    /** First day of the registration. Absent in events written before it was added. */
    registeredOn?: IsoDate;
  };
  /** registry → scoring: the institution cancelled a person's registration there (R4). */
  RegistrationCancelled: {
    registrationId: string;
    personCode: string;
    institutionCode: string;
    cancelledOn: IsoDate;
  };
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

export type EventType = keyof EventPayloads;

/** Who consumes each event. The producer writes one pending delivery per subscriber in the same transaction. */
export const EVENT_SUBSCRIBERS: { [T in EventType]: SubgraphName[] } = {
  InstitutionUpserted: ['registry', 'scoring', 'appeals'],
  AgreementMeasureApplied: ['registry'],
  PersonRegistered: ['scoring'],
  RegistrationCancelled: ['scoring'],
  SanctionDecided: ['registry'],
  SanctionLifted: ['registry'],
  ReRegistrationBanChanged: ['registry'],
  ScoreRecorded: ['appeals'],
  NoticeDelivered: ['appeals'],
  AppealDecided: ['scoring'],
};

export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  seq: number;
  source: SubgraphName;
  type: T;
  /** Aggregate key (person or institution code): events of one key are applied in order. */
  key: string;
  payload: EventPayloads[T];
  occurredAt: string;
}
