import { sqlMigration } from '@pq/data';

export default sqlMigration([
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
         annulled_on date,
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
  // The causes the history shows, so that deriving again reproduces it (the cause texts are those
  // registry wrote before 0006): each sanction with the day it was restored or annulled, the ban on
  // the person's latest termination, and each agreement measure with the persons it held. Which
  // all-staff measures (004 art.15) named nobody is not recorded: they are taken as naming the
  // persons they held. A termination restored without reinstatement left no trace: it counts as
  // restored on the upgrade day when the person is no longer terminated.
  `insert into registry.sanction_view (sanction_id, person_code, kind, valid_from, until, decided_on, lifted_on, annulled_on, lift_cause, basis_document)
     select gen_random_uuid(), person_code, kind, valid_from, min(until), valid_from,
            min(next_from) filter (where next_cause like 'payment qualification restored%'),
            min(next_from) filter (where next_cause like 'decision changed on appeal%'),
            min(next_cause), basis_document
       from (select si.person_code, si.valid_from, coalesce(si.basis_document, 'before 0006') as basis_document,
                    case when si.cause like 'payment qualification suspended%' then 'SUSPENSION' else 'TERMINATION' end as kind,
                    substring(si.cause from 'until ([0-9]{4}-[0-9]{2}-[0-9]{2})')::date as until,
                    nx.valid_from as next_from, nx.cause as next_cause
               from registry.status_interval si
               left join registry.status_interval nx on nx.registration_id = si.registration_id and nx.valid_from = si.valid_to and nx.status = 'NORMAL'
              where si.cause like 'payment qualification suspended%' or si.cause like 'payment qualification terminated%') h
      group by person_code, kind, valid_from, basis_document`,
  `update registry.sanction_view s set lifted_on = current_date
     from registry.person p
    where p.code = s.person_code and s.kind = 'TERMINATION' and s.lifted_on is null and s.annulled_on is null and p.status <> 'TERMINATED'`,
  `update registry.sanction_view s set re_registration_blocked_until = p.re_registration_blocked_until
     from registry.person p
    where p.code = s.person_code and p.re_registration_blocked_until is not null and s.annulled_on is null and s.kind = 'TERMINATION'
      and s.valid_from = (select max(t.valid_from) from registry.sanction_view t where t.person_code = s.person_code and t.kind = 'TERMINATION' and t.annulled_on is null)`,
  `insert into registry.agreement_measure_view (measure_id, institution_code, action, effective_on, responsible_person_codes, all_staff, reason, basis_document)
     select gen_random_uuid(), institution_code, action, valid_from,
            coalesce(array_agg(distinct person_code) filter (where action <> 'RESUME'), '{}'), false, reason, basis_document
       from (select si.institution_code, si.person_code, si.valid_from, si.basis_document,
                    case when si.cause like 'agreement suspended%' then 'SUSPEND' when si.cause like 'agreement resumed%' then 'RESUME' else 'TERMINATE' end as action,
                    regexp_replace(si.cause, '^[^:]*: ', '') as reason
               from registry.status_interval si
              where si.cause like 'agreement suspended%' or si.cause like 'agreement resumed%' or si.cause like 'agreement terminated%') h
      group by institution_code, action, valid_from, reason, basis_document`,
  `alter table registry.registration drop column status_source`,
]);
