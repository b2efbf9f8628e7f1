import { assertRegionInScope, Caller, canSee, outOfScope } from '@pq/caller';
import type { PersonView } from '../entities/person-view';
import type { ScoreRecord } from '../entities/score-record';
import type { RowFactsSql } from '@pq/subgraph';

/** Row scope in scoring, written once: who may see which rows (loaders and lists use it). */

/** A person: where they are registered, from registry's events; an unknown one by the region in their code. */
export function maySeePerson(caller: Caller, code: string, known: PersonView | undefined): boolean {
  return canSee(caller, {
    regionCodes: [code.replace(/^[A-Z]+/, '').slice(0, 6), ...(known?.regionCodes ?? [])],
    institutionCodes: known?.institutionCodes ?? [],
    personCodes: [code],
  });
}

/** A score record: where the behaviour happened (an unknown institution by the region in its code) and whom it concerns. */
export function maySeeScoreRecord(caller: Caller, record: ScoreRecord, regionCode: string | undefined): boolean {
  return canSee(caller, {
    regionCodes: [regionCode ?? record.institutionCode.slice(1, 7)],
    institutionCodes: [record.institutionCode],
    personCodes: [record.personCode],
  });
}

/** An institution's own figures. */
export function assertMaySeeInstitution(caller: Caller, institutionCode: string, regionCode: string): void {
  if (!canSee(caller, { regionCodes: [regionCode], institutionCodes: [institutionCode], personCodes: [] })) throw outOfScope('institution', institutionCode);
}

/** A list over a region: the caller's region must contain it. */
export function assertMaySeeRegion(caller: Caller, regionPrefix: string): void {
  assertRegionInScope(caller, regionPrefix);
}

/** maySeePerson as SQL over a person code column: the region in the code, where registry says they are registered. */
export const personFacts = (code: string): RowFactsSql => ({
  inRegion: (prefix) =>
    `(substr(regexp_replace(${code}, '^[A-Z]+', ''), 1, 6) like ${prefix}
      or exists (select 1 from scoring.person_view pv, unnest(pv.region_codes) g where pv.code = ${code} and g like ${prefix}))`,
  ofInstitution: (institution) => `exists (select 1 from scoring.person_view pv where pv.code = ${code} and ${institution} = any(pv.institution_codes))`,
  ofPerson: (person) => `${code} = ${person}`,
});

/** maySeeScoreRecord as SQL over a score record `r`: where the behaviour happened, and whom it concerns. */
export const SCORE_RECORD_FACTS: RowFactsSql = {
  inRegion: (prefix) =>
    `coalesce((select iv.region_code from scoring.institution_view iv where iv.code = r.institution_code), substr(r.institution_code, 2, 6)) like ${prefix}`,
  ofInstitution: (institution) => `r.institution_code = ${institution}`,
  ofPerson: (person) => `r.person_code = ${person}`,
};
