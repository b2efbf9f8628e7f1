import type { ScoringEvents } from '../events/payloads';
import { randomUUID } from 'node:crypto';
import { AuditScope, EntityManager } from '@pq/data';
import { lockAggregates } from '@pq/data';
import { BatchRejectedError, DomainError } from '@pq/errors';
import { OutgoingEvent } from '@pq/events';
import { stepDate, yearOf } from '@pq/time';
import { decideScores, decisionSanctions, ScoreDecisionInput } from '../domain/score-decision';
import type { Notice } from '../entities/notice';
import type { Sanction } from '../entities/sanction';
import type { ScoreRecord } from '../entities/score-record';
import type { ViolationItem } from '../entities/violation-item';
import { outbox } from '../events/publish';
import { addNotice } from '../repositories/notices';
import { auditScopeFrom } from '../repositories/audit-scope';
import { decisionReads } from '../repositories/decision-reads';
import { addScoreRecords, newScoreRecord } from '../repositories/score-records';
import { assertActsFor } from '@pq/caller';
import type { Actor } from './actor';
import { rederiveYear } from './derive-year';

export type RecordScoresCommand = ScoreDecisionInput;

export interface RecordedDecision {
  /** Where its audit entry belongs, from the persons and institutions the decision read. */
  auditScope: AuditScope;
  /**
   * What the decision wrote and read, as committed: its answer is given from them instead of read
   * back (four statements fewer per decision). `regionOf`: each item institution's region.
   */
  written: { records: ScoreRecord[]; sanctions: Sanction[]; notices: Notice[]; catalogue: ViolationItem[]; regionOf: Map<string, string> };
}

/**
 * One inspection decision (S1–S8), decided by decideScores, stored with a notice per person; each
 * person's year is derived again from all of its records across all their sites (the decision's
 * included), which decides, replaces or annuls their sanctions. Persons are locked for the
 * transaction, so concurrent decisions for the same person see each other's records and never
 * both cross the same threshold.
 */
export async function recordScores(em: EntityManager, actor: Actor, input: RecordScoresCommand): Promise<RecordedDecision> {
  if (input.items.length === 0) throw new DomainError('BAD_USER_INPUT', 'a decision needs at least one item');
  if (!input.documentNumber.trim()) throw new DomainError('BAD_USER_INPUT', 'the decision document number is required');
  stepDate(input.decidedOn, { today: actor.clock.today(), what: 'the decision date', field: 'decidedOn' });

  const personCodes = [...new Set(input.items.map((i) => i.personCode))];
  await lockAggregates(em, 'person', personCodes);
  const institutionCodes = [...new Set(input.items.map((i) => i.institutionCode))];
  const { persons, institutions, ruleSets, catalogue, alreadyRecordedFor } = await decisionReads(em, {
    personCodes,
    institutionCodes,
    documentNumber: input.documentNumber,
    violationCodes: [...new Set(input.items.map((i) => i.violationCode))],
  });
  const regionOf = new Map(institutions.map((i) => [i.code, i.regionCode]));
  const decision = decideScores(
    input,
    {
      knownPersons: new Set(persons.map((p) => p.code)),
      alreadyRecordedFor: new Set(alreadyRecordedFor),
      regionOf,
      ruleSets,
      catalogue,
      refusedAt: (institutionCode, regionCode) => {
        try {
          assertActsFor(actor.caller, institutionCode, regionCode);
          return null;
        } catch (error) {
          return (error as Error).message;
        }
      },
    },
    actor.calendar,
  );
  if ('problems' in decision) throw new BatchRejectedError(decision.problems);

  // Notices and records are written once the year's derivation has given each record its year's
  // total and each notice its sanction: one insert each, nothing written twice.
  const records: ScoreRecord[] = [];
  const notices = new Map(
    decision.notices.map(({ personCode, notice, records: decided }) => {
      const id = randomUUID();
      for (const record of decided) records.push(newScoreRecord({ ...record, yearTotalAfter: 0, noticeId: id }));
      return [personCode, { id, personCode, ...notice, deliveredOn: null, appealBy: null }];
    }),
  );
  const after = await rederiveYear(
    em,
    personCodes,
    yearOf(input.decidedOn),
    {
      on: actor.clock.today(),
      cause: `year re-derived on decision ${input.documentNumber}`,
      basisDocument: input.documentNumber,
      lowersPoints: false,
    },
    records,
  );

  const shownSanctions: Sanction[] = [];
  const added: Notice[] = [];
  for (const personCode of personCodes) {
    const { shown, onNotice } = decisionSanctions(after.get(personCode)!, input.documentNumber);
    if (shown) shownSanctions.push(shown);
    added.push(addNotice(em, { ...notices.get(personCode)!, sanctionId: onNotice?.id ?? null }));
  }
  addScoreRecords(em, records);
  const events: OutgoingEvent<ScoringEvents>[] = records.map((record) => ({
    type: 'ScoreRecorded',
    key: record.personCode,
    payload: {
      scoreRecordId: record.id,
      personCode: record.personCode,
      institutionCode: record.institutionCode,
      regionCode: regionOf.get(record.institutionCode)!,
      points: record.points,
      decidedOn: record.decidedOn,
      documentNumber: record.documentNumber,
    },
  }));
  await outbox.publishAll(em, events);
  await em.flush();
  return {
    auditScope: auditScopeFrom(personCodes, institutionCodes, persons, regionOf),
    written: { records, sanctions: shownSanctions, notices: added, catalogue, regionOf },
  };
}
