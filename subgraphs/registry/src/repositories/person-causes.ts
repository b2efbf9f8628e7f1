import { EntityManager, queryRows } from '@pq/data';
import { IsoDate } from '@pq/time';
import type { RegistryReads } from '../events/consumed';
import type { RegistrationStatus } from '../domain/personnel';
import type { DerivedStatus, MeasureCause, PersonCauses, RegistrationCause, SanctionCause } from '../domain/status';

/**
 * Everything registry knows that bears on persons' statuses (sanctions, agreement measures,
 * registrations and their cancellations), and the statuses derived from it. The only writer of
 * `person.status`, `registration.status` and `status_interval`.
 */

const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

type RegistrationRow = RegistrationCause & { personCode: string };
type SanctionRow = Omit<SanctionCause, 'label' | 'sequence'> & { personCode: string; until: IsoDate | null; sequence: string };
type MeasureRow = Omit<MeasureCause, 'sequence'> & { personCode: string; sequence: string };

/** The causes of each person, in one statement per kind of cause. */
export async function loadPersonCauses(em: EntityManager, personCodes: string[]): Promise<Map<string, PersonCauses>> {
  const causes = new Map<string, PersonCauses>(personCodes.map((code) => [code, { registrations: [], sanctions: [], measures: [] }]));
  const registrations = await queryRows<RegistrationRow>(em, {
    text: `select id, person_code as "personCode", institution_code as "institutionCode", ${day('registered_on')} as "registeredOn",
                  ${day('cancelled_on')} as "cancelledOn", cancel_reason as "cancelReason"
             from registry.registration where person_code = any($1::text[])`,
    values: [personCodes],
  });
  const sanctions = await queryRows<SanctionRow>(em, {
    text: `select sanction_id as id, person_code as "personCode", kind, ${day('valid_from')} as "from", ${day('until')} as until,
                  ${day('decided_on')} as "decidedOn", sequence, ${day('lifted_on')} as "liftedOn", ${day('annulled_on')} as "annulledOn",
                  ${day('re_registration_blocked_until')} as "reRegistrationBlockedUntil", basis_document as "basisDocument"
             from registry.sanction_view where person_code = any($1::text[])`,
    values: [personCodes],
  });
  // The measures of every institution where the person is registered or has been named responsible:
  // a resumption names nobody, yet ends what the suspension it follows held.
  const measures = await queryRows<MeasureRow>(em, {
    text: `select p.code as "personCode", m.measure_id as id, m.institution_code as "institutionCode", m.action, ${day('m.effective_on')} as "effectiveOn",
                  m.sequence, m.department, p.code = any(m.responsible_person_codes) as "namesPerson", m.all_staff as "allStaff",
                  m.reason, m.basis_document as "basisDocument"
             from unnest($1::text[]) as p(code)
             join registry.agreement_measure_view m on m.institution_code in (
                    select r.institution_code from registry.registration r where r.person_code = p.code
                    union select n.institution_code from registry.agreement_measure_view n where p.code = any(n.responsible_person_codes))`,
    values: [personCodes],
  });
  for (const { personCode, ...registration } of registrations) causes.get(personCode)!.registrations.push(registration);
  for (const { personCode, until, sequence, ...sanction } of sanctions) {
    const label = sanction.kind === 'SUSPENSION' ? `payment qualification suspended (暂停)${until ? ` until ${until}` : ''}` : 'payment qualification terminated (终止)';
    causes.get(personCode)!.sanctions.push({ ...sanction, sequence: Number(sequence), label });
  }
  for (const { personCode, sequence, ...measure } of measures) causes.get(personCode)!.measures.push({ ...measure, sequence: Number(sequence) });
  return causes;
}

/** Writes what the derivation gives: each person's status and ban, each registration's status and history. */
export async function saveDerivedStatuses(em: EntityManager, derived: Map<string, DerivedStatus>): Promise<void> {
  const persons = [...derived.entries()];
  if (persons.length === 0) return;
  await queryRows(em, {
    text: `update registry.person p set status = d.status, re_registration_blocked_until = d.ban
             from unnest($1::text[], $2::text[], $3::date[]) as d(code, status, ban) where p.code = d.code`,
    values: [persons.map(([code]) => code), persons.map(([, d]) => d.status), persons.map(([, d]) => d.reRegistrationBlockedUntil)],
  });
  const registrations: { id: string; personCode: string; status: RegistrationStatus }[] = [];
  const stretches: (string | boolean | null)[][] = [[], [], [], [], [], [], [], [], []];
  for (const [personCode, person] of persons) {
    for (const [id, registration] of person.registrations) {
      registrations.push({ id, personCode, status: registration.status });
      for (const s of registration.stretches) {
        [id, personCode, s.status, s.statusAfterReview, s.annulled, s.from, s.to, s.cause, s.basisDocument].forEach((value, i) => stretches[i].push(value));
      }
    }
  }
  await queryRows(em, {
    text: `update registry.registration r set status = d.status from unnest($1::uuid[], $2::text[]) as d(id, status) where r.id = d.id and r.status <> d.status`,
    values: [registrations.map((r) => r.id), registrations.map((r) => r.status)],
  });
  await queryRows(em, { text: `delete from registry.status_interval where person_code = any($1::text[])`, values: [persons.map(([code]) => code)] });
  await queryRows(em, {
    text: `insert into registry.status_interval (id, registration_id, person_code, institution_code, status, status_after_review, annulled, valid_from, valid_to, cause, basis_document)
           select gen_random_uuid(), d.registration_id, d.person_code, r.institution_code, d.status, d.after_review, d.annulled, d.valid_from, d.valid_to, d.cause, d.basis_document
             from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::date[], $7::date[], $8::text[], $9::text[])
                  as d(registration_id, person_code, status, after_review, annulled, valid_from, valid_to, cause, basis_document)
             join registry.registration r on r.id = d.registration_id`,
    values: stretches,
  });
}

/** A sanction decided or re-sent by scoring: a known id keeps its first day and decision day (R5–R6). */
export async function recordSanction(em: EntityManager, sanction: RegistryReads['SanctionDecided']): Promise<void> {
  await queryRows(em, {
    text: `insert into registry.sanction_view (sanction_id, person_code, kind, valid_from, until, decided_on, re_registration_blocked_until, basis_document)
           values ($1, $2, $3, $4, $5, $6, $7, $8)
           on conflict (sanction_id) do update set until = excluded.until, re_registration_blocked_until = excluded.re_registration_blocked_until`,
    values: [sanction.sanctionId, sanction.personCode, sanction.kind, sanction.from, sanction.until, sanction.decidedOn ?? sanction.from, sanction.reRegistrationBlockedUntil, sanction.basisDocument],
  });
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
  await queryRows(em, { text: `update registry.sanction_view set re_registration_blocked_until = $2 where sanction_id = $1`, values: [ban.sanctionId, ban.until] });
}

/** An agreement measure (R7); returns the persons it can bear on: those ever named at the institution and, for all-staff rules, its staff. */
export async function recordAgreementMeasure(em: EntityManager, measure: RegistryReads['AgreementMeasureApplied']): Promise<string[]> {
  await queryRows(em, {
    text: `insert into registry.agreement_measure_view (measure_id, institution_code, action, effective_on, department, responsible_person_codes, all_staff, reason, basis_document)
           values ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9) on conflict (measure_id) do nothing`,
    values: [measure.measureId, measure.institutionCode, measure.action, measure.effectiveOn, measure.department ?? null, measure.responsiblePersonCodes, measure.allStaff, measure.reason, measure.basisDocument],
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

/** Persons registry knows, of those given. */
export async function knownPersons(em: EntityManager, personCodes: string[]): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(em, { text: `select code from registry.person where code = any($1::text[])`, values: [personCodes] });
  return rows.map((r) => r.code);
}

/**
 * Persons whose stored status no longer matches their derived history on `today`: a cause that
 * took effect after the last derivation (a measure dated ahead, such as a termination asked for
 * three months before).
 */
export async function personsDueForDerivation(em: EntityManager, today: IsoDate): Promise<string[]> {
  const rows = await queryRows<{ code: string }>(em, {
    text: `select distinct r.person_code as code from registry.registration r
             join registry.status_interval si on si.registration_id = r.id and si.valid_from <= $1 and (si.valid_to is null or si.valid_to > $1)
            where si.status <> r.status`,
    values: [today],
  });
  return rows.map((r) => r.code);
}
