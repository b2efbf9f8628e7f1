import type { IsoDate } from '@pq/time';

/**
 * The events scoring applies, as far as it reads them. Their producers (registry, agreements,
 * appeals) own the payloads; scripts/src/event-contracts.ts fails the build when a payload no
 * longer fits.
 */
export interface ScoringReads {
  /** Who is registered where (scoring refuses scores for unknown persons), and since when. */
  PersonRegistered: {
    personCode: string;
    name: string;
    category: string;
    institutionCode: string;
    regionCode: string;
    registrationId: string;
    /** Absent in events written before it was added: then always. */
    registeredOn?: IsoDate;
  };
  RegistrationCancelled: {
    registrationId: string;
    personCode: string;
    institutionCode: string;
    cancelledOn: IsoDate;
  };
  /** An institution's region and kind, for row scope, regional figures and analytics. */
  InstitutionUpserted: {
    code: string;
    kind: 'MEDICAL' | 'PHARMACY';
    regionCode: string;
  };
  /** A4: an appeal's end; only a changed score (outcome CHANGED with a score record) bears on scoring. */
  AppealDecided: {
    appealId: string;
    scoreRecordId: string | null;
    /** Absent in events written before it was added: then CHANGED, the only outcome published. */
    outcome?: 'UPHELD' | 'CHANGED' | 'WITHDRAWN';
    newPoints: number | null;
    decidedOn: IsoDate;
  };
}
