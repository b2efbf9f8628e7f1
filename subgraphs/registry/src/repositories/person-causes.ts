import { EntityManager, queryRows } from '@pq/data';
import { IsoDate } from '@pq/time';
import type { RegistryReads } from '../events/consumed';
import type { MeasureCause, PersonCauses, RegistrationCause, SanctionCause } from '../domain/status';

/**
 * Everything registry knows that bears on persons' statuses: scoring's sanctions and agreements'
 * measures as they arrive, read together with the registrations and their cancellations.
 */

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

type RegistrationRow = RegistrationCause & { personCode: string };
type SanctionRow = Omit<SanctionCause, 'label'> & { personCode: string; until: IsoDate | null };
type MeasureRow = MeasureCause & { personCode: string };

/**
 * The causes of each person, in one statement: every registration, status change and derivation
 * reads them (a registration twice: to check it, and to derive the status with it), and under
 * durable commits each round trip counts.
 */
export async function loadPersonCauses(em: EntityManager, personCodes: string[]): Promise<Map<string, PersonCauses>> {
  const causes = new Map<string, PersonCauses>(personCodes.map((code) => [code, { registrations: [], sanctions: [], measures: [] }]));
  const registrationRows = `select id, person_code as "personCode", institution_code as "institutionCode", ${day('registered_on')} as "registeredOn",
                                   ${day('cancelled_on')} as "cancelledOn", cancel_reason as "cancelReason"
                              from registry.registration where person_code = any($1::text[])`;
  const sanctionRows = `select sanction_id as id, person_code as "personCode", kind, ${day('valid_from')} as "from", ${day('until')} as until,
                               ${day('decided_on')} as "decidedOn", sequence, ${day('lifted_on')} as "liftedOn", ${day('annulled_on')} as "annulledOn",
                               ${day('re_registration_blocked_until')} as "reRegistrationBlockedUntil", basis_document as "basisDocument"
                          from registry.sanction_view where person_code = any($1::text[])`;
  // The measures of every institution where the person is registered or has been named responsible:
  // a resumption names nobody, yet ends what the suspension it follows held.
  const measureRows = `select p.code as "personCode", m.measure_id as id, m.institution_code as "institutionCode", m.action, ${day('m.effective_on')} as "effectiveOn",
                              m.sequence, m.department, p.code = any(m.responsible_person_codes) as "namesPerson", m.all_staff as "allStaff",
                              m.reason, m.basis_document as "basisDocument"
                         from unnest($1::text[]) as p(code)
                         join registry.agreement_measure_view m on m.institution_code in (
                                select r.institution_code from registry.registration r where r.person_code = p.code
                                union select n.institution_code from registry.agreement_measure_view n where p.code = any(n.responsible_person_codes))`;
  const all = (select: string) => `(select coalesce(jsonb_agg(to_jsonb(x)), '[]') from (${select}) as x)`;
  const [{ registrations, sanctions, measures }] = await queryRows<{ registrations: RegistrationRow[]; sanctions: SanctionRow[]; measures: MeasureRow[] }>(em, {
    name: 'registry_person_causes',
    text: `select ${all(registrationRows)} as registrations, ${all(sanctionRows)} as sanctions, ${all(measureRows)} as measures`,
    values: [personCodes],
  });
  for (const { personCode, ...registration } of registrations) causes.get(personCode)!.registrations.push(registration);
  for (const { personCode, until, sequence, ...sanction } of sanctions) {
    const label =
      sanction.kind === 'SUSPENSION' ? `payment qualification suspended (暂停)${until ? ` until ${until}` : ''}` : 'payment qualification terminated (终止)';
    causes.get(personCode)!.sanctions.push({ ...sanction, sequence, label });
  }
  for (const { personCode, ...measure } of measures) causes.get(personCode)!.measures.push(measure);
  return causes;
}

/** A sanction decided or re-sent by scoring: a known id keeps its first day and decision day (R5–R6). True when it was not known. */
export async function recordSanction(em: EntityManager, sanction: RegistryReads['SanctionDecided']): Promise<boolean> {
  const [row] = await queryRows<{ decided: boolean }>(em, {
    text: `insert into registry.sanction_view (sanction_id, person_code, kind, valid_from, until, decided_on, re_registration_blocked_until, basis_document)
           values ($1, $2, $3, $4, $5, $6, $7, $8)
           on conflict (sanction_id) do update set until = excluded.until, re_registration_blocked_until = excluded.re_registration_blocked_until
           returning xmax = 0 as decided`,
    values: [
      sanction.sanctionId,
      sanction.personCode,
      sanction.kind,
      sanction.from,
      sanction.until,
      sanction.decidedOn ?? sanction.from,
      sanction.reRegistrationBlockedUntil,
      sanction.basisDocument,
    ],
  });
  return row.decided;
}

/** A sanction restored from (S13) or annulled (A4); a restoration later annulled keeps the day it was restored. */
export async function recordSanctionLifted(em: EntityManager, lifted: RegistryReads['SanctionLifted']): Promise<void> {
  await queryRows(em, {
    text: lifted.annulled
      ? `update registry.sanction_view set annulled_on = $2, lift_cause = $3 where sanction_id = $1`
      : `update registry.sanction_view set lifted_on = $2, lift_cause = $3 where sanction_id = $1`,
    values: [lifted.sanctionId, lifted.on, lifted.cause],
  });
}

export async function recordBanChanged(em: EntityManager, ban: RegistryReads['ReRegistrationBanChanged']): Promise<void> {
  await queryRows(em, {
    text: `update registry.sanction_view set re_registration_blocked_until = $2 where sanction_id = $1`,
    values: [ban.sanctionId, ban.until],
  });
}

/** An agreement measure (R7); returns the persons it can bear on: those ever named at the institution and, for all-staff rules, its staff. */
export async function recordAgreementMeasure(em: EntityManager, measure: RegistryReads['AgreementMeasureApplied']): Promise<string[]> {
  await queryRows(em, {
    text: `insert into registry.agreement_measure_view (measure_id, institution_code, action, effective_on, department, responsible_person_codes, all_staff, reason, basis_document)
           values ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9) on conflict (measure_id) do nothing`,
    values: [
      measure.measureId,
      measure.institutionCode,
      measure.action,
      measure.effectiveOn,
      measure.department ?? null,
      measure.responsiblePersonCodes,
      measure.allStaff,
      measure.reason,
      measure.basisDocument,
    ],
  });
  const rows = await queryRows<{ code: string }>(em, {
    text: `select distinct unnest(responsible_person_codes) as code from registry.agreement_measure_view where institution_code = $1
           union
           select r.person_code from registry.registration r
            where r.institution_code = $1 and exists (select 1 from registry.agreement_measure_view m where m.institution_code = $1 and m.all_staff)`,
    values: [measure.institutionCode],
  });
  return rows.map((r) => r.code);
}
