import { EntityManager, EventPayloads, lockAggregates } from '@pq/kit';
import { evaluateOutcome, SanctionKind } from '../domain/outcome';
import { PersonYear } from '../entities/read-models';
import { PolicyRuleSet } from '../entities/rule-set';
import { Sanction, SanctionState } from '../entities/sanction';
import { ScoreRecord } from '../entities/score-record';
import { outbox } from '../events/outbox';
import { liftSanction } from './lift-sanction';

/**
 * A4: a score changed on appeal. The record takes its new points (0: removed), the year's
 * total follows, and the outcome of that decision is evaluated again as if it had been given
 * so: no longer a suspension or termination → lifted, registrations normal again; a shorter
 * suspension → shortened; a termination that becomes a suspension → replaced by it.
 */
export async function applyAppealDecision(em: EntityManager, decision: EventPayloads['AppealDecided']): Promise<void> {
  const record = await em.findOne(ScoreRecord, { id: decision.scoreRecordId });
  if (!record) return;
  await lockAggregates(em, 'person', [record.personCode]);
  await em.refresh(record);
  const delta = decision.newPoints - record.points;
  if (delta === 0) return;
  record.originalPoints ??= record.points;
  record.points = decision.newPoints;
  record.adjustedBy = `appeal ${decision.appealId}`;
  const years = await em.find(PersonYear, { personCode: record.personCode, year: { $gte: record.year - 2, $lte: record.year } });
  const thisYear = years.find((y) => y.year === record.year)!;
  thisYear.points = Math.max(0, thisYear.points + delta);

  const sanction = await em.findOne(Sanction, { personCode: record.personCode, basisDocument: record.documentNumber, state: SanctionState.IN_FORCE });
  if (sanction) {
    const decisionRecords = await em.find(ScoreRecord, { personCode: record.personCode, documentNumber: record.documentNumber });
    const newDecisionPoints = decisionRecords.reduce((sum, r) => sum + r.points, 0);
    const ruleSet = await em.findOneOrFail(PolicyRuleSet, { id: record.ruleSetId });
    const outcome = evaluateOutcome({
      rules: ruleSet.parameters,
      previousTotal: sanction.yearTotal - (newDecisionPoints - delta),
      decisionPoints: newDecisionPoints,
      running: null,
      earlierYearTotals: [1, 2].map((back) => years.find((y) => y.year === record.year - back)?.points ?? 0),
      decidedOn: sanction.from,
    });
    const basis = `appeal ${decision.appealId}`;
    if (outcome.takesEffect && outcome.kind === sanction.kind) {
      Object.assign(sanction, { months: outcome.months, until: outcome.until, banYears: outcome.banYears, yearTotal: outcome.yearTotal, reason: `${outcome.reason} (changed on appeal)` });
    } else {
      await liftSanction(em, sanction, { on: decision.decidedOn, cause: 'decision changed on appeal (申诉变更)', basisDocument: basis, reinstateRegistrations: true });
      if (outcome.takesEffect) {
        const replacement = em.create(Sanction, {
          personCode: record.personCode,
          kind: outcome.kind,
          from: outcome.from,
          until: outcome.until,
          months: outcome.months,
          banYears: outcome.banYears,
          yearTotal: outcome.yearTotal,
          reason: `${outcome.reason} (changed on appeal)`,
          basisDocument: record.documentNumber,
          state: SanctionState.IN_FORCE,
        });
        await em.flush();
        await outbox.publish(em, 'SanctionDecided', record.personCode, {
          sanctionId: replacement.id,
          personCode: record.personCode,
          kind: outcome.kind as SanctionKind.SUSPENSION,
          from: outcome.from,
          until: outcome.until,
          basisDocument: record.documentNumber,
          reRegistrationBlockedUntil: outcome.reRegistrationBlockedUntil,
        });
      }
    }
  }
  await em.flush();
}
