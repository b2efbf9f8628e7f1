import type { IsoDate } from '@pq/time';

/**
 * The events appeals applies, as far as it reads them. Their producers (scoring, agreements) own
 * the payloads; scripts/src/event-contracts.ts fails the build when a payload no longer fits.
 */
export interface AppealsReads {
  /** An institution's region (agreement disputes are scoped by it) and kind (analytics group by it). */
  InstitutionUpserted: {
    code: string;
    kind: 'MEDICAL' | 'PHARMACY';
    regionCode: string;
  };
  /** A score record an appeal can be filed against. */
  ScoreRecorded: {
    scoreRecordId: string;
    personCode: string;
    institutionCode: string;
    regionCode: string;
    points: number;
    decidedOn: IsoDate;
    documentNumber: string;
  };
  /** A1: appeals against these records are due by `appealBy`. */
  NoticeDelivered: {
    scoreRecordIds: string[];
    appealBy: IsoDate;
  };
}
