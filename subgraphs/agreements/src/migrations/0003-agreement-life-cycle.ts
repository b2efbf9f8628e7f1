import { sqlMigration } from '@pq/data';

export default sqlMigration([
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
]);
