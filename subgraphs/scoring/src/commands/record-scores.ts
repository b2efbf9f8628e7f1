import { BatchRejectedError, DomainError, EntityManager, EntryProblem, findRows, IsoDate, lockAggregates, OutgoingEvent, stepDate, yearOf } from '@pq/kit';
import { SanctionKind, SanctionState } from '../domain/outcome';
import { noticeDeadlines } from '../domain/notice';
import { combineDecision, heaviest, pointsFor, Responsibility, TierAdjustment } from '../domain/points';
import { selectRuleSet } from '../domain/rule-set';
import { findInstitutions } from '../repositories/institutions';
import { findPersons } from '../repositories/persons';
import { Notice } from '../entities/notice';
import { PolicyRuleSet } from '../entities/rule-set';
import { DecisionType, ScoreRecord } from '../entities/score-record';
import { ViolationItem } from '../entities/violation-item';
import { outbox } from '../events/publish';
import { rederiveYear } from './derive-year';
import { Actor, assertActorActsFor } from './actor';

/** One item of a decision: a person's violation at an institution (S1–S4). */
export interface ScoreItem {
  personCode: string;
  institutionCode: string;
  violationCode: string;
  responsibility: Responsibility;
  mitigation?: boolean;
  aggravation?: boolean;
  adjustment?: TierAdjustment | null;
  /** Items sharing a reference are one violation matching several situations (S4). */
  violationRef?: string;
}

/** One inspection decision and its items. */
export interface RecordScoresCommand {
  decisionType: DecisionType;
  documentNumber: string;
  decidedOn: IsoDate;
  inspectionId?: string;
  items: ScoreItem[];
}

export interface RecordedDecision {
  recordIds: string[];
  sanctionIds: string[];
}

/**
 * One inspection decision (S1–S8): points per item (with the agency's choice under 002 art.25),
 * combined per violation and per person, a notice per person, then each person's year derived
 * again from all of its records across all their sites, which decides, replaces or annuls their
 * sanctions. Persons are locked for the transaction, so concurrent decisions for the same person
 * see each other's records and never both cross the same threshold.
 */
export async function recordScores(em: EntityManager, actor: Actor, input: RecordScoresCommand): Promise<RecordedDecision> {
  if (input.items.length === 0) throw new DomainError('BAD_USER_INPUT', 'a decision needs at least one item');
  if (!input.documentNumber.trim()) throw new DomainError('BAD_USER_INPUT', 'the decision document number is required');
  stepDate(input.decidedOn, { today: actor.clock.today(), what: 'the decision date', field: 'decidedOn' });

  const personCodes = [...new Set(input.items.map((i) => i.personCode))];
  const institutionCodes = [...new Set(input.items.map((i) => i.institutionCode))];
  await lockAggregates(em, 'person', personCodes);

  // Validation reads unmanaged rows (prepared statements, no unit of work to scan at flush).
  const persons = await findPersons(em, personCodes);
  const institutions = await findInstitutions(em, institutionCodes);
  const ruleSets = await findRows(em, PolicyRuleSet, {});
  const alreadyRecorded = await findRows(em, ScoreRecord, { documentNumber: input.documentNumber, personCode: personCodes });
  const catalogue = await findRows(em, ViolationItem, { ruleSetId: ruleSets.map((r) => r.id), code: [...new Set(input.items.map((i) => i.violationCode))] });

  const problems: EntryProblem[] = [];
  const resolved = input.items.map((item, index) => {
    const fail = (code: EntryProblem['code'], message: string) => {
      problems.push({ index, code, message });
      return null;
    };
    if (!persons.some((p) => p.code === item.personCode)) return fail('NOT_FOUND', `person ${item.personCode} is not registered`);
    if (alreadyRecorded.some((r) => r.personCode === item.personCode)) return fail('INVALID_STATE', `decision ${input.documentNumber} was already recorded for ${item.personCode}`);
    const institution = institutions.find((i) => i.code === item.institutionCode);
    if (!institution) return fail('NOT_FOUND', `institution ${item.institutionCode} is not a designated institution`);
    try {
      assertActorActsFor(actor, institution.code, institution.regionCode);
    } catch (error) {
      return fail('FORBIDDEN', (error as Error).message);
    }
    const ruleSet = selectRuleSet(ruleSets, institution.regionCode, input.decidedOn);
    if (!ruleSet) return fail('NOT_FOUND', `no rule set is in force for region ${institution.regionCode} on ${input.decidedOn}`);
    const violation = catalogue.find((v) => v.ruleSetId === ruleSet.id && v.code === item.violationCode);
    if (!violation) return fail('NOT_FOUND', `violation ${item.violationCode} is not in the catalogue of ${ruleSet.name}`);
    const scoredItem = pointsFor(ruleSet.parameters.tiers, {
      tier: { min: violation.minPoints, max: violation.maxPoints },
      responsibility: item.responsibility,
      mitigation: item.mitigation ?? false,
      aggravation: item.aggravation ?? false,
      adjustment: item.adjustment,
    });
    if ('problem' in scoredItem) return fail('BAD_USER_INPUT', scoredItem.problem);
    return { item, ruleSet, violation, ...scoredItem, personCode: item.personCode, violationRef: item.violationRef ?? `item-${index}` };
  });
  if (problems.length > 0) throw new BatchRejectedError(problems);
  const scored = resolved.map((r) => r!);

  const { counted } = combineDecision(scored);
  const events: OutgoingEvent[] = [];
  const records: ScoreRecord[] = [];
  const notices = new Map<string, Notice>();
  for (const personCode of personCodes) {
    const mine = scored.filter((s, index) => s.personCode === personCode && counted[index]);
    // The notice goes to the institution where the heaviest behaviour happened; its rule set governs.
    const governing = heaviest(mine);
    const deadlines = noticeDeadlines(governing.ruleSet.parameters, input.decidedOn, actor.calendar);
    const notice = em.create(Notice, {
      personCode,
      institutionCode: governing.item.institutionCode,
      decisionDocument: input.documentNumber,
      documentNumber: `${input.documentNumber}/${personCode}`,
      issueBy: deadlines.issueBy,
      deliverBy: deadlines.deliverBy,
      deliveredOn: null,
      appealBy: null,
      sanctionId: null,
    });
    notices.set(personCode, notice);
    for (const entry of mine) {
      records.push(em.create(ScoreRecord, {
        personCode,
        institutionCode: entry.item.institutionCode,
        ruleSetId: entry.ruleSet.id,
        violationCode: entry.violation.code,
        alsoMatched: scored.filter((s, i) => !counted[i] && s.personCode === personCode && s.violationRef === entry.violationRef).map((s) => s.violation.code),
        responsibility: entry.item.responsibility,
        mitigation: entry.item.mitigation ?? false,
        aggravation: entry.item.aggravation ?? false,
        adjustment: entry.adjustment,
        points: entry.points,
        decidedOn: input.decidedOn,
        year: yearOf(input.decidedOn),
        // Set by the year's derivation below, from all of the year's records.
        yearTotalAfter: 0,
        decisionType: input.decisionType,
        documentNumber: input.documentNumber,
        inspectionId: input.inspectionId ?? null,
        noticeId: notice.id,
      }));
    }
  }
  await em.flush();
  const after = await rederiveYear(em, personCodes, yearOf(input.decidedOn), {
    on: actor.clock.today(),
    cause: `year re-derived on decision ${input.documentNumber}`,
    basisDocument: input.documentNumber,
    lowersPoints: false,
  });

  const sanctionIds: string[] = [];
  for (const personCode of personCodes) {
    const sanctions = after.get(personCode)!;
    const own = sanctions.filter((s) => s.basisDocument === input.documentNumber && !s.annulled).at(-1);
    const shown = own ?? sanctions.find((s) => s.state === SanctionState.IN_FORCE);
    if (shown) sanctionIds.push(shown.id);
    if (own && own.kind !== SanctionKind.NOTIFICATION && own.kind !== SanctionKind.INTERVIEW) notices.get(personCode)!.sanctionId = own.id;
  }
  for (const record of records) {
    events.push({ type: 'ScoreRecorded', key: record.personCode, payload: {
      scoreRecordId: record.id,
      personCode: record.personCode,
      institutionCode: record.institutionCode,
      regionCode: institutions.find((i) => i.code === record.institutionCode)!.regionCode,
      points: record.points,
      decidedOn: record.decidedOn,
      documentNumber: record.documentNumber,
    } });
  }
  await outbox.publishAll(em, events);
  await em.flush();
  return { recordIds: records.map((r) => r.id), sanctionIds };
}
