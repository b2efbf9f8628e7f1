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
    agreement: { id: string; status: 'ACTIVE' | 'SUSPENDED' | 'TERMINATED' | 'EXPIRED'; validFrom: IsoDate; validUntil: IsoDate } | null;
  };
  /** registry → scoring: a person now has a live registration (scoring refuses scores for unknown persons). */
  PersonRegistered: {
    personCode: string;
    name: string;
    category: string;
    institutionCode: string;
    registrationId: string;
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
  };
  /** scoring → appeals: a score record that an appeal can be filed against. */
  ScoreRecorded: {
    scoreRecordId: string;
    personCode: string;
    institutionCode: string;
    points: number;
    decidedOn: IsoDate;
    documentNumber: string;
  };
}

export type EventType = keyof EventPayloads;

/** Who consumes each event. The producer writes one pending delivery per subscriber in the same transaction. */
export const EVENT_SUBSCRIBERS: { [T in EventType]: SubgraphName[] } = {
  InstitutionUpserted: ['registry', 'scoring'],
  PersonRegistered: ['scoring'],
  SanctionDecided: ['registry'],
  ScoreRecorded: ['appeals'],
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
