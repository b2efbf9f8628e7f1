import { EntityManager, queryRows, toEntities } from '@pq/data';
import { InstitutionView } from '../entities/institution-view';
import { PersonView } from '../entities/person-view';
import { PolicyRuleSet } from '../entities/rule-set';
import { ViolationItem } from '../entities/violation-item';

/** What an inspection decision is checked against before anything is stored. */
export interface DecisionReads {
  persons: PersonView[];
  institutions: InstitutionView[];
  /** Every rule set: the one in force for each item's institution is chosen among them. */
  ruleSets: PolicyRuleSet[];
  /** The named violation items of every rule set. */
  catalogue: ViolationItem[];
  /** The persons for whom this decision document is already recorded. */
  alreadyRecordedFor: string[];
}

type Json = Record<string, unknown>[];

/**
 * The decision's reads in one statement (read models, rule sets, catalogue, the document's records
 * so far): one round trip for every decision instead of five. Read after the persons are locked.
 */
export async function decisionReads(
  em: EntityManager,
  input: { personCodes: string[]; institutionCodes: string[]; documentNumber: string; violationCodes: string[] },
): Promise<DecisionReads> {
  const [row] = await queryRows<{ persons: Json; institutions: Json; rule_sets: Json; catalogue: Json; already_recorded_for: string[] }>(em, {
    name: 'scoring_decision_reads',
    text: `select (select coalesce(jsonb_agg(to_jsonb(p)), '[]') from scoring.person_view p where p.code = any($1::text[])) as persons,
                  (select coalesce(jsonb_agg(to_jsonb(i)), '[]') from scoring.institution_view i where i.code = any($2::text[])) as institutions,
                  (select coalesce(jsonb_agg(to_jsonb(r)), '[]') from scoring.policy_rule_set r) as rule_sets,
                  (select coalesce(jsonb_agg(to_jsonb(v)), '[]') from scoring.violation_item v where v.code = any($4::text[])) as catalogue,
                  array(select distinct s.person_code from scoring.score_record s
                         where s.document_number = $3 and s.person_code = any($1::text[])) as already_recorded_for`,
    values: [input.personCodes, input.institutionCodes, input.documentNumber, input.violationCodes],
  });
  return {
    persons: toEntities(em, PersonView, row.persons),
    institutions: toEntities(em, InstitutionView, row.institutions),
    ruleSets: toEntities(em, PolicyRuleSet, row.rule_sets),
    catalogue: toEntities(em, ViolationItem, row.catalogue),
    alreadyRecordedFor: row.already_recorded_for,
  };
}
