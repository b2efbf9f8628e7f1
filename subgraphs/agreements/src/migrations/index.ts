import { auditTableSql, MigrationEntry, platformTablesSql, sqlMigration } from '@pq/kit';

export const migrations: MigrationEntry[] = [
  {
    name: '0001-institutions-and-agreements',
    class: sqlMigration([
      ...platformTablesSql('agreements'),
      `create table agreements.institution (
         code varchar(12) primary key,
         name text not null,
         kind text not null check (kind in ('MEDICAL', 'PHARMACY')),
         region_code varchar(6) not null)`,
      `create index institution_region_code_index on agreements.institution (region_code text_pattern_ops, code)`,
      `create table agreements.agreement (
         id uuid primary key,
         institution_code varchar(12) not null references agreements.institution (code),
         status text not null check (status in ('ACTIVE', 'SUSPENDED', 'TERMINATED', 'EXPIRED')),
         valid_from date not null,
         valid_until date not null,
         unique (institution_code, valid_from))`,
    ]),
  },
  { name: '0002-audit-log', class: sqlMigration(auditTableSql('agreements')) },
  {
    name: '0003-agreement-life-cycle',
    class: sqlMigration([
      // 003 form 2: institution details; the owner links chain pharmacies (G13).
      `alter table agreements.institution
         add column level text, add column beds int, add column legal_representative text, add column principal text,
         add column owner text, add column public_institution boolean not null default false`,
      `create index institution_owner_index on agreements.institution (owner) where owner is not null`,
      `alter table agreements.agreement
         add column renewal_pending boolean not null default false,
         add column suspended_since date,
         add column suspension_count int not null default 0`,
      `create table agreements.agreement_measure (
         id uuid primary key,
         agreement_id uuid not null references agreements.agreement (id) deferrable initially deferred,
         institution_code varchar(12) not null,
         action text not null,
         department text,
         trigger text,
         reason text not null,
         basis_document text,
         effective_on date not null,
         requested_days int,
         responsible_person_codes text[] not null default '{}',
         all_staff boolean not null default false,
         flags_termination boolean not null default false,
         decided_by text not null,
         recorded_at timestamptz not null default now())`,
      `create index agreement_measure_institution_index on agreements.agreement_measure (institution_code, recorded_at)`,
    ]),
  },
  {
    name: '0004-designation-information-changes-fund-gate',
    class: sqlMigration([
      `create table agreements.designation_application (
         id uuid primary key,
         institution_code varchar(12) not null,
         name text not null,
         kind text not null,
         region_code varchar(6) not null,
         owner text,
         conditions jsonb not null,
         materials jsonb not null,
         findings jsonb not null,
         status text not null,
         due_by date,
         on_site_evaluated boolean not null default false,
         falsified_materials boolean not null default false,
         submitted_on date not null,
         decided_on date,
         created_at timestamptz not null default now())`,
      `create index designation_code_index on agreements.designation_application (institution_code, status)`,
      `create index designation_queue_index on agreements.designation_application (status, due_by)`,
      `create table agreements.designation_step (
         id uuid primary key,
         application_id uuid not null references agreements.designation_application (id) deferrable initially deferred,
         action text not null,
         to_status text not null,
         actor text not null,
         happened_on date not null,
         note text,
         recorded_at timestamptz not null default now())`,
      `create table agreements.fund_gate (
         region_prefix text not null,
         year int not null,
         inpatient_closed boolean not null,
         primary key (region_prefix, year))`,
      `create table agreements.information_change (
         id uuid primary key,
         institution_code varchar(12) not null references agreements.institution (code),
         changes jsonb not null,
         changed_on date not null,
         filed_on date not null,
         review_by date not null,
         status text not null,
         decided_on date,
         note text)`,
    ]),
  },
  {
    name: '0005-agreement-status-since',
    class: sqlMigration([
      // The day the current status took effect, carried to registry so it can judge payment on a
      // past day by the status of that day (E3). Existing agreements: the effective day of the latest
      // whole-agreement measure that changed the status, else the first day of validity.
      `alter table agreements.agreement add column status_since date`,
      `update agreements.agreement a
          set status_since = coalesce(
                (select m.effective_on from agreements.agreement_measure m
                  where m.agreement_id = a.id and m.department is null and m.action in ('SUSPEND', 'RESUME', 'TERMINATE')
                  order by m.recorded_at desc limit 1),
                a.valid_from)`,
      `alter table agreements.agreement alter column status_since set not null`,
    ]),
  },
  {
    name: '0006-regional-agreements-chain-cause',
    class: sqlMigration([
      // 003 art.33: an institution holds agreements with several co-ordination regions; those
      // before were all signed with its own region.
      `alter table agreements.agreement add column region_code varchar(6)`,
      `update agreements.agreement a set region_code = i.region_code from agreements.institution i where i.code = a.institution_code`,
      `alter table agreements.agreement alter column region_code set not null`,
      `alter table agreements.agreement drop constraint agreement_institution_code_valid_from_key`,
      `alter table agreements.agreement add constraint agreement_institution_region_valid_from_key unique (institution_code, region_code, valid_from)`,
      `alter table agreements.agreement_measure add column region_code varchar(6)`,
      `update agreements.agreement_measure m set region_code = a.region_code from agreements.agreement a where a.id = m.agreement_id`,
      `alter table agreements.agreement_measure alter column region_code set not null`,
      // 003 art.32(十五): whether the chain headquarters' people caused a termination.
      `alter table agreements.agreement_measure add column caused_by_chain_headquarters boolean not null default false`,
    ]),
  },
];
