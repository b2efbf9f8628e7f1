import { assertActsFor, BatchRejectedError, DomainError, EntityManager, EntryProblem, findRows, lockAggregates, OutgoingEvent, queryRows, yearOf } from '@pq/kit';
import { evaluateOutcome, SanctionKind } from '../domain/outcome';
import { noticeDeadlines } from '../domain/notice';
import { combineDecision, pointsFor } from '../domain/points';
import { selectRuleSet } from '../domain/rule-set';
import { KnownInstitution, KnownPerson, PersonYear } from '../entities/read-models';
import { Notice } from '../entities/notice';
import { PolicyRuleSet } from '../entities/rule-set';
import { Sanction, SanctionState } from '../entities/sanction';
import { ScoreRecord } from '../entities/score-record';
import { ViolationItem } from '../entities/violation-item';
import { outbox } from '../events/outbox';
import type { Context } from '../resolvers/context';
import type { RecordScoresInput } from '../resolvers/score.types';

export interface RecordedDecision {
  recordIds: string[];
  sanctionIds: string[];
}

/**
 * One inspection decision (S1–S8): points per item, combined per violation and per person,
 * added to each person's natural-year total across all their sites, then the outcome on the
 * new total, a notice, and the events that carry a suspension or termination to registry.
 * Persons are locked for the transaction, so concurrent decisions for the same person see each
 * other's totals and never both cross the same threshold.
 */
export async function recordScores(em: EntityManager, context: Context, input: RecordScoresInput): Promise<RecordedDecision> {
  if (input.items.length === 0) throw new DomainError('BAD_USER_INPUT', 'a decision needs at least one item');
  if (!input.documentNumber.trim()) throw new DomainError('BAD_USER_INPUT', 'the decision document number is required');
  const today = context.clock.today();
  if (input.decidedOn > today) throw new DomainError('BAD_USER_INPUT', `the decision date ${input.decidedOn} is in the future`);

  const personCodes = [...new Set(input.items.map((i) => i.personCode))];
  const institutionCodes = [...new Set(input.items.map((i) => i.institutionCode))];
  await lockAggregates(em, 'person', personCodes);

  // One transaction is one connection: its queries run one after another. Everything is read as
  // unmanaged rows (prepared statements, no unit of work to scan at flush); the two rows a decision
  // changes — the year's total and a replaced sanction — are written by explicit statements below.
  const persons = await findRows(em, KnownPerson, { code: personCodes });
  const institutions = await findRows(em, KnownInstitution, { code: institutionCodes });
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
      assertActsFor(context, institution.code, institution.regionCode);
    } catch (error) {
      return fail('FORBIDDEN', (error as Error).message);
    }
    const ruleSet = selectRuleSet(ruleSets, institution.regionCode, input.decidedOn);
    if (!ruleSet) return fail('NOT_FOUND', `no rule set is in force for region ${institution.regionCode} on ${input.decidedOn}`);
    const violation = catalogue.find((v) => v.ruleSetId === ruleSet.id && v.code === item.violationCode);
    if (!violation) return fail('NOT_FOUND', `violation ${item.violationCode} is not in the catalogue of ${ruleSet.name}`);
    const points = pointsFor(ruleSet.parameters.tiers, {
      tier: { min: violation.minPoints, max: violation.maxPoints },
      responsibility: item.responsibility,
      mitigation: item.mitigation ?? false,
      aggravation: item.aggravation ?? false,
    });
    return { item, ruleSet, violation, points, personCode: item.personCode, violationRef: item.violationRef ?? `item-${index}` };
  });
  if (problems.length > 0) throw new BatchRejectedError(problems);
  const scored = resolved.map((r) => r!);

  const year = yearOf(input.decidedOn);
  const yearRows = await findRows(em, PersonYear, { personCode: personCodes, year: [year - 2, year - 1, year] });
  const running = await findRows(em, Sanction, { personCode: personCodes, state: SanctionState.IN_FORCE });
  const { counted, pointsByPerson } = combineDecision(scored);

  const recordIds: string[] = [];
  const sanctionIds: string[] = [];
  const events: OutgoingEvent[] = [];
  const yearTotals: PersonYear[] = [];
  const replacedSanctionIds: string[] = [];
  for (const personCode of personCodes) {
    const mine = scored.filter((s, index) => s.personCode === personCode && counted[index]);
    // The rule set of the institution where the heaviest behaviour happened governs the outcome.
    const governing = mine.reduce((a, b) => (b.points > a.points ? b : a));
    const rules = governing.ruleSet.parameters;
    const thisYear = yearRows.find((r) => r.personCode === personCode && r.year === year);
    const previousTotal = thisYear?.points ?? 0;
    const runningSanction = running.find((s) => s.personCode === personCode) ?? null;
    const outcome = evaluateOutcome({
      rules,
      previousTotal,
      decisionPoints: pointsByPerson.get(personCode)!,
      running: runningSanction && { kind: runningSanction.kind as SanctionKind.SUSPENSION | SanctionKind.TERMINATION, months: runningSanction.months ?? null },
      earlierYearTotals: [1, 2].map((back) => yearRows.find((r) => r.personCode === personCode && r.year === year - back)?.points ?? 0),
      decidedOn: input.decidedOn,
    });
    yearTotals.push({ personCode, year, points: outcome.yearTotal });

    let sanction: Sanction;
    if (outcome.takesEffect || (outcome.kind !== SanctionKind.SUSPENSION && outcome.kind !== SanctionKind.TERMINATION)) {
      if (outcome.takesEffect && runningSanction) replacedSanctionIds.push(runningSanction.id);
      sanction = em.create(Sanction, {
        personCode,
        kind: outcome.kind,
        from: outcome.from,
        until: outcome.until,
        months: outcome.months,
        banYears: outcome.banYears,
        yearTotal: outcome.yearTotal,
        reason: outcome.reason,
        basisDocument: input.documentNumber,
        state: outcome.takesEffect ? SanctionState.IN_FORCE : SanctionState.RECORDED,
      });
    } else {
      sanction = runningSanction!;
    }
    sanctionIds.push(sanction.id);

    const deadlines = noticeDeadlines(rules, input.decidedOn, context.calendar);
    const notice = em.create(Notice, {
      personCode,
      institutionCode: governing.item.institutionCode,
      decisionDocument: input.documentNumber,
      documentNumber: `${input.documentNumber}/${personCode}`,
      issueBy: deadlines.issueBy,
      deliverBy: deadlines.deliverBy,
      deliveredOn: null,
      appealBy: null,
      sanctionId: outcome.takesEffect ? sanction.id : null,
    });

    for (const entry of mine) {
      const record = em.create(ScoreRecord, {
        personCode,
        institutionCode: entry.item.institutionCode,
        ruleSetId: entry.ruleSet.id,
        violationCode: entry.violation.code,
        alsoMatched: scored.filter((s, i) => !counted[i] && s.personCode === personCode && s.violationRef === entry.violationRef).map((s) => s.violation.code),
        responsibility: entry.item.responsibility,
        mitigation: entry.item.mitigation ?? false,
        aggravation: entry.item.aggravation ?? false,
        points: entry.points,
        decidedOn: input.decidedOn,
        year,
        yearTotalAfter: outcome.yearTotal,
        decisionType: input.decisionType,
        documentNumber: input.documentNumber,
        inspectionId: input.inspectionId ?? null,
        noticeId: notice.id,
      });
      recordIds.push(record.id);
      events.push({ type: 'ScoreRecorded', key: personCode, payload: {
        scoreRecordId: record.id,
        personCode,
        institutionCode: record.institutionCode,
        regionCode: institutions.find((i) => i.code === record.institutionCode)!.regionCode,
        points: record.points,
        decidedOn: record.decidedOn,
        documentNumber: record.documentNumber,
      } });
    }
    if (outcome.takesEffect) {
      events.push({ type: 'SanctionDecided', key: personCode, payload: {
        sanctionId: sanction.id,
        personCode,
        kind: outcome.kind as 'SUSPENSION' | 'TERMINATION',
        from: outcome.from,
        until: outcome.until,
        basisDocument: input.documentNumber,
        reRegistrationBlockedUntil: outcome.reRegistrationBlockedUntil,
      } });
    }
  }
  if (replacedSanctionIds.length > 0) {
    // Before the new sanctions are inserted: the unique index "one in force per person" checks each statement.
    await queryRows(em, { text: `update scoring.sanction set state = $2 where id = any($1)`, values: [replacedSanctionIds, SanctionState.REPLACED] });
  }
  await queryRows(em, {
    text: `insert into scoring.person_year (person_code, year, points)
           select * from unnest($1::text[], $2::int[], $3::int[])
           on conflict (person_code, year) do update set points = excluded.points`,
    values: [yearTotals.map((t) => t.personCode), yearTotals.map((t) => t.year), yearTotals.map((t) => t.points)],
  });
  await outbox.publishAll(em, events);
  await em.flush();
  return { recordIds, sanctionIds };
}
