import { auditTableSql, MigrationEntry, platformTablesSql, sqlMigration } from '@pq/kit';

export const migrations: MigrationEntry[] = [
  {
    name: '0001-persons-registrations-status-history',
    class: sqlMigration([
      ...platformTablesSql('registry'),
      `create table registry.person (
         code varchar(16) primary key,
         name text not null,
         id_number varchar(18) not null,
         birth_date date not null,
         gender text,
         phone text,
         category text not null,
         region_code varchar(6) not null,
         status text not null,
         re_registration_blocked_until date)`,
      `create index person_name_index on registry.person (name text_pattern_ops)`,
      `create index person_region_code_index on registry.person (region_code text_pattern_ops, code)`,
      `create table registry.registration (
         id uuid primary key,
         person_code varchar(16) not null references registry.person (code) deferrable initially deferred,
         institution_code varchar(12) not null,
         status text not null,
         commitment_signed_on date,
         registered_on date not null,
         cancelled_on date,
         practice_type text,
         practice_category text,
         practice_scope text,
         professional_title text)`,
      `create index registration_person_code_index on registry.registration (person_code)`,
      `create index registration_institution_code_index on registry.registration (institution_code, status)`,
      // R4/R5: one live registration per person and institution; a terminated or cancelled one may be followed by a new one.
      `create unique index registration_live_unique on registry.registration (person_code, institution_code) where status in ('NORMAL', 'SUSPENDED')`,
      `create table registry.status_interval (
         id uuid primary key,
         registration_id uuid not null references registry.registration (id) deferrable initially deferred,
         person_code varchar(16) not null,
         institution_code varchar(12) not null,
         status text not null,
         valid_from date not null,
         valid_to date,
         cause text not null,
         basis_document text,
         recorded_at timestamptz not null default now(),
         check (valid_to is null or valid_to > valid_from))`,
      `create index status_interval_registration_index on registry.status_interval (registration_id, valid_from)`,
      `create index status_interval_person_index on registry.status_interval (person_code, valid_from)`,
      `create table registry.institution_view (
         code varchar(12) primary key,
         kind text not null,
         region_code varchar(6) not null,
         agreement_status text,
         agreement_valid_from date,
         agreement_valid_until date)`,
    ]),
  },
  {
    name: '0002-agreement-history-read-model',
    class: sqlMigration([
      // Payment on a past date (E3) depends on the agreement in force then, not only the current one.
      `create table registry.agreement_view (
         institution_code varchar(12) not null,
         valid_from date not null,
         status text not null,
         valid_until date not null,
         primary key (institution_code, valid_from))`,
      `insert into registry.agreement_view (institution_code, valid_from, status, valid_until)
         select code, agreement_valid_from, agreement_status, agreement_valid_until from registry.institution_view where agreement_status is not null`,
      `alter table registry.institution_view drop column agreement_status, drop column agreement_valid_from, drop column agreement_valid_until`,
    ]),
  },
  {
    name: '0003-status-source',
    class: sqlMigration([
      // Why a registration is not normal: a person-level sanction (R5–R6) or the institution's agreement (R7).
      // Lifting one must never undo the other.
      `alter table registry.registration add column status_source text check (status_source in ('PERSON_SANCTION', 'AGREEMENT_MEASURE'))`,
      `update registry.registration set status_source = 'PERSON_SANCTION' where status in ('SUSPENDED', 'TERMINATED')`,
    ]),
  },
  { name: '0004-audit-log', class: sqlMigration(auditTableSql('registry')) },
  {
    name: '0005-agreement-status-intervals',
    class: sqlMigration([
      // Payment on a past day (E3) depends on the agreement's status on that day: a suspension since
      // lifted still stops payment for its days. Agreements known so far keep their current status
      // over their whole validity (what was known of them); events from now on record each change.
      `create table registry.agreement_status_interval (
         institution_code varchar(12) not null,
         agreement_valid_from date not null,
         agreement_valid_until date not null,
         status text not null,
         valid_from date not null,
         valid_to date,
         primary key (institution_code, agreement_valid_from, valid_from),
         check (valid_to is null or valid_to > valid_from))`,
      `insert into registry.agreement_status_interval (institution_code, agreement_valid_from, agreement_valid_until, status, valid_from, valid_to)
         select institution_code, valid_from, valid_until, status, valid_from, null from registry.agreement_view`,
      `drop table registry.agreement_view`,
    ]),
  },
  {
    name: '0006-status-from-causes',
    class: sqlMigration([
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
    ]),
  },
];
