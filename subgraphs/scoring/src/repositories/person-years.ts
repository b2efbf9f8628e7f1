import { EntityManager, findRows, queryRows, toEntities } from '@pq/data';
import { RepairStatus } from '../domain/repair';
import { RestorationStatus } from '../domain/restoration';
import { PersonYear } from '../entities/person-year';
import { RepairApplication } from '../entities/repair-application';
import { RestorationApplication } from '../entities/restoration-application';
import { PolicyRuleSet } from '../entities/rule-set';
import { Sanction } from '../entities/sanction';
import { ScoreRecord } from '../entities/score-record';

/** Each person's total per natural year (S6), as the year's derivation last gave it. */

export function findPersonYears(em: EntityManager, personCodes: string[], years: number[]): Promise<PersonYear[]> {
  return findRows(em, PersonYear, { personCode: personCodes, year: years });
}

/** What a year's derivation reads of the persons: all of it, as stored now. */
export interface YearToDerive {
  /** The year's records in decision order, managed: their year's total is written back. */
  records: ScoreRecord[];
  /** The two years before, as last derived. */
  earlierYears: PersonYear[];
  /** Every sanction of the persons, oldest first, managed: the derivation brings them in line. */
  sanctions: Sanction[];
  repairs: RepairApplication[];
  restorations: RestorationApplication[];
  /** The rule sets of the year's records and of `ruleSetIds`. */
  ruleSets: PolicyRuleSet[];
  /** The latest year any of the persons was scored in. */
  lastScoredYear: number | null;
}

type Json = Record<string, unknown>[];

/**
 * The persons' year as its derivation needs it, in one statement: it is read for every decision,
 * and one round trip instead of seven is most of a decision's time in the database besides its
 * commit. Rows are read afresh (an earlier year may have been derived again in this transaction).
 */
export async function yearToDerive(em: EntityManager, personCodes: string[], year: number, ruleSetIds: string[]): Promise<YearToDerive> {
  const [row] = await queryRows<{
    records: Json;
    earlier_years: Json;
    sanctions: Json;
    repairs: Json;
    restorations: Json;
    rule_sets: Json;
    last_scored_year: number | null;
  }>(em, {
    name: 'scoring_year_to_derive',
    text: `with records as (select * from scoring.score_record where person_code = any($1::text[]) and year = $2::int)
           select (select coalesce(jsonb_agg(to_jsonb(r) order by r.decided_on, r.created_at), '[]') from records r) as records,
                  (select coalesce(jsonb_agg(to_jsonb(y)), '[]') from scoring.person_year y
                    where y.person_code = any($1::text[]) and y.year in ($2::int - 2, $2::int - 1)) as earlier_years,
                  (select coalesce(jsonb_agg(to_jsonb(s) order by s."from", s.recorded_at), '[]') from scoring.sanction s
                    where s.person_code = any($1::text[])) as sanctions,
                  (select coalesce(jsonb_agg(to_jsonb(a)), '[]') from scoring.repair_application a
                    where a.person_code = any($1::text[]) and a.status = $3) as repairs,
                  (select coalesce(jsonb_agg(to_jsonb(a)), '[]') from scoring.restoration_application a
                    where a.person_code = any($1::text[]) and a.status = $4) as restorations,
                  (select coalesce(jsonb_agg(to_jsonb(p)), '[]') from scoring.policy_rule_set p
                    where p.id = any($5::text[]) or p.id in (select rule_set_id from records)) as rule_sets,
                  (select max(year)::int from scoring.score_record where person_code = any($1::text[])) as last_scored_year`,
    values: [personCodes, year, RepairStatus.APPROVED, RestorationStatus.APPROVED, ruleSetIds],
  });
  return {
    // Managed as em.find would give them (a row already in the unit of work is the same object, refreshed).
    records: row.records.map((record) => em.map(ScoreRecord, record)),
    earlierYears: toEntities(em, PersonYear, row.earlier_years),
    sanctions: row.sanctions.map((sanction) => em.map(Sanction, sanction)),
    repairs: toEntities(em, RepairApplication, row.repairs),
    restorations: toEntities(em, RestorationApplication, row.restorations),
    ruleSets: toEntities(em, PolicyRuleSet, row.rule_sets),
    lastScoredYear: row.last_scored_year,
  };
}

export async function personYearTotal(em: EntityManager, personCode: string, year: number): Promise<number> {
  return (await em.findOne(PersonYear, { personCode, year }))?.points ?? 0;
}

/** Stores the persons' totals of a year, in the order of `personCodes`. */
export async function saveYearTotals(em: EntityManager, personCodes: string[], year: number, totals: number[]): Promise<void> {
  await queryRows(em, {
    text: `insert into scoring.person_year (person_code, year, points)
           select p, $2, t from unnest($1::text[], $3::int[]) as x(p, t)
           on conflict (person_code, year) do update set points = excluded.points`,
    values: [personCodes, year, totals],
  });
}
