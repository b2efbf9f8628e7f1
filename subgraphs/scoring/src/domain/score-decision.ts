import { EntryProblem } from '@pq/errors';
import { IsoDate, WorkingDays, yearOf } from '@pq/time';
import { noticeDeadlines } from './notice';
import { SanctionKind, SanctionState } from './outcome';
import { combineDecision, heaviest, pointsFor, Responsibility, TierAdjustment } from './points';
import { RuleSetParameters, RuleSetVersion, selectRuleSet } from './rule-set';

export enum DecisionType {
  ADMINISTRATIVE_PENALTY = 'ADMINISTRATIVE_PENALTY',
  AGREEMENT_HANDLING = 'AGREEMENT_HANDLING',
}

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
export interface ScoreDecisionInput {
  decisionType: DecisionType;
  documentNumber: string;
  decidedOn: IsoDate;
  inspectionId?: string;
  items: ScoreItem[];
}

/** What the decision is checked against, read before it. */
export interface ScoreDecisionFacts {
  /** The persons scoring knows (registered somewhere). */
  knownPersons: ReadonlySet<string>;
  /** The persons this decision document was already recorded for. */
  alreadyRecordedFor: ReadonlySet<string>;
  /** Each known institution's region. */
  regionOf: ReadonlyMap<string, string>;
  ruleSets: (RuleSetVersion & { name: string; parameters: RuleSetParameters })[];
  catalogue: { ruleSetId: string; code: string; minPoints: number; maxPoints: number }[];
  /** Why the actor may not score at an institution, or null. */
  refusedAt(institutionCode: string, regionCode: string): string | null;
}

/** A score record to store: everything but its notice. */
export interface DecidedRecord {
  personCode: string;
  institutionCode: string;
  ruleSetId: string;
  violationCode: string;
  alsoMatched: string[];
  responsibility: Responsibility;
  mitigation: boolean;
  aggravation: boolean;
  adjustment: TierAdjustment | null;
  points: number;
  decidedOn: IsoDate;
  year: number;
  decisionType: DecisionType;
  documentNumber: string;
  inspectionId: string | null;
}

/** Per person: the notice to the institution where the heaviest behaviour happened (S8), and the records that count. */
export interface DecidedNotice {
  personCode: string;
  notice: { institutionCode: string; decisionDocument: string; documentNumber: string; issueBy: IsoDate; deliverBy: IsoDate };
  records: DecidedRecord[];
}

/**
 * One inspection decision (S1–S8): each item checked (person known, not yet recorded for this
 * document, institution designated and within the actor's reach, a rule set in force, the
 * violation in its catalogue, the agency's choice under 002 art.25 possible), then its points;
 * items combined per violation and per person (S4), and a notice per person whose deadlines the
 * governing rule set gives. Any item refused refuses the whole decision.
 */
export function decideScores(
  input: ScoreDecisionInput,
  facts: ScoreDecisionFacts,
  calendar: WorkingDays,
): { problems: EntryProblem[] } | { notices: DecidedNotice[] } {
  const problems: EntryProblem[] = [];
  const resolved = input.items.map((item, index) => {
    const fail = (code: EntryProblem['code'], message: string) => {
      problems.push({ index, code, message });
      return null;
    };
    if (!facts.knownPersons.has(item.personCode)) return fail('NOT_FOUND', `person ${item.personCode} is not registered`);
    if (facts.alreadyRecordedFor.has(item.personCode))
      return fail('INVALID_STATE', `decision ${input.documentNumber} was already recorded for ${item.personCode}`);
    const regionCode = facts.regionOf.get(item.institutionCode);
    if (regionCode === undefined) return fail('NOT_FOUND', `institution ${item.institutionCode} is not a designated institution`);
    const refused = facts.refusedAt(item.institutionCode, regionCode);
    if (refused) return fail('FORBIDDEN', refused);
    const ruleSet = selectRuleSet(facts.ruleSets, regionCode, input.decidedOn);
    if (!ruleSet) return fail('NOT_FOUND', `no rule set is in force for region ${regionCode} on ${input.decidedOn}`);
    const violation = facts.catalogue.find((v) => v.ruleSetId === ruleSet.id && v.code === item.violationCode);
    if (!violation) return fail('NOT_FOUND', `violation ${item.violationCode} is not in the catalogue of ${ruleSet.name}`);
    const scored = pointsFor(ruleSet.parameters.tiers, {
      tier: { min: violation.minPoints, max: violation.maxPoints },
      responsibility: item.responsibility,
      mitigation: item.mitigation ?? false,
      aggravation: item.aggravation ?? false,
      adjustment: item.adjustment,
    });
    if ('problem' in scored) return fail('BAD_USER_INPUT', scored.problem);
    return { item, ruleSet, ...scored, personCode: item.personCode, violationRef: item.violationRef ?? `item-${index}` };
  });
  if (problems.length > 0) return { problems };
  const scored = resolved.map((r) => r!);

  const { counted } = combineDecision(scored);
  const personCodes = [...new Set(input.items.map((i) => i.personCode))];
  return {
    notices: personCodes.map((personCode) => {
      const mine = scored.filter((s, index) => s.personCode === personCode && counted[index]);
      const governing = heaviest(mine);
      return {
        personCode,
        notice: {
          institutionCode: governing.item.institutionCode,
          decisionDocument: input.documentNumber,
          documentNumber: `${input.documentNumber}/${personCode}`,
          ...noticeDeadlines(governing.ruleSet.parameters, input.decidedOn, calendar),
        },
        records: mine.map((entry) => ({
          personCode,
          institutionCode: entry.item.institutionCode,
          ruleSetId: entry.ruleSet.id,
          violationCode: entry.item.violationCode,
          alsoMatched: scored
            .filter((s, i) => !counted[i] && s.personCode === personCode && s.violationRef === entry.violationRef)
            .map((s) => s.item.violationCode),
          responsibility: entry.item.responsibility,
          mitigation: entry.item.mitigation ?? false,
          aggravation: entry.item.aggravation ?? false,
          adjustment: entry.adjustment,
          points: entry.points,
          decidedOn: input.decidedOn,
          year: yearOf(input.decidedOn),
          decisionType: input.decisionType,
          documentNumber: input.documentNumber,
          inspectionId: input.inspectionId ?? null,
        })),
      };
    }),
  };
}

/**
 * What the decision answers for a person, after their year was derived: the sanction it decided,
 * else the one in force. Only a suspension or termination it decided goes on the notice.
 */
export function decisionSanctions<S extends { basisDocument: string; kind: SanctionKind; state: SanctionState; annulled: boolean }>(
  sanctions: S[],
  documentNumber: string,
): { shown: S | null; onNotice: S | null } {
  const own = sanctions.filter((s) => s.basisDocument === documentNumber && !s.annulled).at(-1) ?? null;
  return {
    shown: own ?? sanctions.find((s) => s.state === SanctionState.IN_FORCE) ?? null,
    onNotice: own && own.kind !== SanctionKind.NOTIFICATION && own.kind !== SanctionKind.INTERVIEW ? own : null,
  };
}
