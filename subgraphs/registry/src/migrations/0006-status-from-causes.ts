import { sqlMigration } from '@pq/data';

export const statusFromCauses = sqlMigration([
  // Statuses are derived from every cause that bears on a person (domain/status.ts): registry
  // keeps the causes themselves — scoring's sanctions and agreements' measures — as they arrive.
  `create table registry.sanction_view (
         sanction_id uuid primary key,
         person_code varchar(16) not null,
         kind text not null check (kind in ('SUSPENSION', 'TERMINATION')),
         valid_from date not null,
         until date,
         decided_on date not null,
         sequence bigint generated always as identity,
         lifted_on date,
         annulled boolean not null default false,
         lift_cause text,
         re_registration_blocked_until date,
         basis_document text not null)`,
  `create index sanction_view_person_index on registry.sanction_view (person_code)`,
  `create table registry.agreement_measure_view (
         measure_id uuid primary key,
         institution_code varchar(12) not null,
         action text not null check (action in ('SUSPEND', 'RESUME', 'TERMINATE')),
         effective_on date not null,
         sequence bigint generated always as identity,
         department text,
         responsible_person_codes text[] not null,
         all_staff boolean not null,
         reason text not null,
         basis_document text)`,
  `create index agreement_measure_view_institution_index on registry.agreement_measure_view (institution_code)`,
  `create index agreement_measure_view_responsible_index on registry.agreement_measure_view using gin (responsible_person_codes)`,
  `alter table registry.registration add column cancel_reason text`,
  `alter table registry.status_interval add column status_after_review text, add column annulled boolean not null default false`,
  `update registry.status_interval set status_after_review = status`,
  `alter table registry.status_interval alter column status_after_review set not null`,
  // What holds a person today, as causes, so that the next derivation keeps it: a sanction from
  // the open interval it began, an agreement measure naming the person at its institution.
  `insert into registry.sanction_view (sanction_id, person_code, kind, valid_from, decided_on, basis_document)
         select gen_random_uuid(), r.person_code, case min(r.status) when 'SUSPENDED' then 'SUSPENSION' else 'TERMINATION' end,
                min(si.valid_from), min(si.valid_from), coalesce(min(si.basis_document), 'before 0006')
           from registry.registration r join registry.status_interval si on si.registration_id = r.id and si.valid_to is null
          where r.status_source = 'PERSON_SANCTION' and r.status in ('SUSPENDED', 'TERMINATED')
          group by r.person_code`,
  `insert into registry.agreement_measure_view (measure_id, institution_code, action, effective_on, responsible_person_codes, all_staff, reason, basis_document)
         select gen_random_uuid(), r.institution_code, case r.status when 'SUSPENDED' then 'SUSPEND' else 'TERMINATE' end, si.valid_from,
                array[r.person_code], false, si.cause, si.basis_document
           from registry.registration r join registry.status_interval si on si.registration_id = r.id and si.valid_to is null
          where r.status_source = 'AGREEMENT_MEASURE' and r.status in ('SUSPENDED', 'TERMINATED')`,
  `alter table registry.registration drop column status_source`,
]);
