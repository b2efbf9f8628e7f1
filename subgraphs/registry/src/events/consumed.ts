import type { IsoDate } from '@pq/time';

/**
 * The events registry applies, as far as it reads them. Their producers (agreements, scoring,
 * appeals) own the payloads; scripts/src/event-contracts.ts fails the build when a payload no longer fits.
 */
export interface RegistryReads {
  /** An institution's kind and region, and its current agreement's status day by day (G1, E3). */
  InstitutionUpserted: {
    code: string;
    kind: 'MEDICAL' | 'PHARMACY';
    regionCode: string;
    agreement: {
      status: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED' | 'EXPIRED';
      /** Absent in events written before it was added: then `validFrom`. */
      statusSince?: IsoDate;
      validFrom: IsoDate;
      validUntil: IsoDate;
    } | null;
  };
  /** R7: the persons named responsible (or all staff, 004 art.15) follow the agreement at that institution. */
  AgreementMeasureApplied: {
    measureId: string;
    institutionCode: string;
    action: 'SUSPEND' | 'RESUME' | 'TERMINATE';
    effectiveOn: IsoDate;
    responsiblePersonCodes: string[];
    allStaff: boolean;
    reason: string;
    basisDocument: string | null;
    department?: string | null;
  };
  /** R5–R6: a suspension or termination applies at every site. */
  SanctionDecided: {
    sanctionId: string;
    personCode: string;
    kind: 'SUSPENSION' | 'TERMINATION';
    from: IsoDate;
    until: IsoDate | null;
    basisDocument: string;
    reRegistrationBlockedUntil: IsoDate | null;
    /** Absent in events written before it was added: then `from`. */
    decidedOn?: IsoDate;
  };
  /** S13, A4: a sanction no longer applies from `on`; annulled, it never should have. */
  SanctionLifted: {
    sanctionId: string;
    personCode: string;
    kind: 'SUSPENSION' | 'TERMINATION';
    on: IsoDate;
    cause: string;
    basisDocument: string;
    annulled?: boolean;
  };
  /** S12: a shortened termination ends its re-registration ban with it. */
  ReRegistrationBanChanged: {
    personCode: string;
    sanctionId: string;
    until: IsoDate;
    /** Absent in events written before it was added: then the day it is applied. */
    on?: IsoDate;
    /** Absent in events written before it was added. */
    basisDocument?: string;
  };
  /** The change feed: a score record (S1–S6). */
  ScoreRecorded: {
    scoreRecordId: string;
    personCode: string;
    institutionCode: string;
    points: number;
    decidedOn: IsoDate;
    documentNumber: string;
  };
  /** The change feed: an appeal's end (A4), upheld, changed or withdrawn; its event key is the person's code (else the institution's). */
  AppealDecided: {
    appealId: string;
    scoreRecordId: string | null;
    /** Absent in events written before it was added: then CHANGED (the only outcome published then), and a person's appeal. */
    outcome?: 'UPHELD' | 'CHANGED' | 'WITHDRAWN';
    newPoints: number | null;
    decidedOn: IsoDate;
    personCode?: string | null;
    institutionCode?: string;
    decisionDocument?: string | null;
  };
}
