import { auditTableSql, MigrationEntry, platformTablesSql, sqlMigration } from '@pq/kit';
import { SHIPPED_RULE_SETS } from '../domain/shipped-rule-sets';

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

export const migrations: MigrationEntry[] = [
  {
    name: '0001-rule-sets-scores-sanctions',
    class: sqlMigration([
      ...platformTablesSql('scoring'),
      `create table scoring.policy_rule_set (
         id text primary key,
         name text not null,
         region_prefix text not null,
         effective_from date not null,
         parameters jsonb not null,
         unique (region_prefix, effective_from))`,
      `create table scoring.violation_item (
         rule_set_id text not null references scoring.policy_rule_set (id),
         code text not null,
         title text not null,
         tier int not null,
         min_points int not null,
         max_points int not null,
         primary key (rule_set_id, code),
         check (1 <= min_points and min_points <= max_points and max_points <= 12))`,
      `create table scoring.notice (
         id uuid primary key,
         person_code varchar(16) not null,
         institution_code varchar(12) not null,
         decision_document text not null,
         document_number text not null unique,
         issue_by date not null,
         deliver_by date not null,
         delivered_on date,
         appeal_by date,
         sanction_id uuid,
         unique (decision_document, person_code))`,
      `create table scoring.score_record (
         id uuid primary key,
         person_code varchar(16) not null,
         institution_code varchar(12) not null,
         rule_set_id text not null,
         violation_code text not null,
         also_matched jsonb not null,
         responsibility text not null,
         mitigation boolean not null,
         aggravation boolean not null,
         points int not null check (points between 1 and 12),
         decided_on date not null,
         year int not null,
         year_total_after int not null,
         decision_type text not null,
         document_number text not null,
         inspection_id text,
         notice_id uuid not null references scoring.notice (id) deferrable initially deferred,
         created_at timestamptz not null default now())`,
      `create index score_record_person_year_index on scoring.score_record (person_code, year)`,
      `create index score_record_document_person_index on scoring.score_record (document_number, person_code)`,
      `create index score_record_institution_index on scoring.score_record (institution_code, year)`,
      `create table scoring.sanction (
         id uuid primary key,
         person_code varchar(16) not null,
         kind text not null,
         "from" date not null,
         until date,
         months int,
         ban_years int,
         year_total int not null,
         reason text not null,
         basis_document text not null,
         state text not null)`,
      `create index sanction_person_state_index on scoring.sanction (person_code, state)`,
      // At most one suspension or termination in force per person: the invariant concurrent scorings must keep.
      `create unique index sanction_one_in_force on scoring.sanction (person_code) where state = 'IN_FORCE'`,
      `create table scoring.person_year (
         person_code varchar(16) not null,
         year int not null,
         points int not null,
         primary key (person_code, year))`,
      `create table scoring.known_person (code varchar(16) primary key, name text not null)`,
      `create table scoring.known_institution (code varchar(12) primary key, region_code varchar(6) not null)`,
      ...SHIPPED_RULE_SETS.flatMap((ruleSet) => [
        `insert into scoring.policy_rule_set (id, name, region_prefix, effective_from, parameters) values (${literal(ruleSet.id)}, ${literal(ruleSet.name)}, ${literal(ruleSet.regionPrefix)}, ${literal(ruleSet.effectiveFrom)}, ${literal(JSON.stringify(ruleSet.parameters))})`,
        ...ruleSet.items.map((item) => {
          const tier = ruleSet.parameters.tiers[item.tier - 1];
          return `insert into scoring.violation_item (rule_set_id, code, title, tier, min_points, max_points) values (${literal(ruleSet.id)}, ${literal(item.code)}, ${literal(item.title)}, ${item.tier}, ${tier.min}, ${tier.max})`;
        }),
      ]),
    ]),
  },
  {
    name: '0002-lifting-adjustments-restoration',
    class: sqlMigration([
      `alter table scoring.sanction add column lifted_on date, add column lift_reason text`,
      // A4: a score changed on appeal can drop to 0 (removed); the original points stay on record.
      `alter table scoring.score_record drop constraint score_record_points_check`,
      `alter table scoring.score_record add constraint score_record_points_check check (points between 0 and 12)`,
      `alter table scoring.score_record add column original_points int, add column adjusted_by text`,
      `create table scoring.restoration_application (
         id uuid primary key,
         person_code varchar(16) not null,
         sanction_id uuid not null references scoring.sanction (id) deferrable initially deferred,
         institution_code varchar(12) not null,
         applied_on date not null,
         decide_by date not null,
         status text not null,
         decided_on date,
         reason text,
         created_at timestamptz not null default now())`,
      `create unique index restoration_one_open on scoring.restoration_application (sanction_id) where status = 'APPLIED'`,
    ]),
  },
  {
    name: '0003-person-reach-and-audit-log',
    class: sqlMigration([
      // Where a person works (institutions and their regions), for row scope on scoring's fields.
      `alter table scoring.known_person add column institution_codes text[] not null default '{}', add column region_codes text[] not null default '{}'`,
      ...auditTableSql('scoring'),
    ]),
  },
  {
    name: '0004-repair-and-institution-ratio',
    class: sqlMigration([
      `create table scoring.repair_application (
         id uuid primary key,
         person_code varchar(16) not null,
         institution_code varchar(12) not null,
         statement text not null,
         applied_on date not null,
         status text not null,
         institution_note text,
         points_reduction int,
         new_until date,
         decided_on date,
         reason text,
         created_at timestamptz not null default now())`,
      `create index repair_application_person_index on scoring.repair_application (person_code)`,
      `create unique index repair_one_open on scoring.repair_application (person_code) where status in ('APPLIED', 'INSTITUTION_AGREED')`,
      // S10 [param]: shares of an institution's personnel suspended or terminated in a year that trigger measures.
      `update scoring.policy_rule_set set parameters = parameters || '{"institutionRatio": {"holdPaymentsFrom": 0.2, "suspendAgreementFrom": 0.5}}'::jsonb`,
    ]),
  },
  {
    name: '0005-person-reach-index',
    // Analytics count an institution's registered personnel among a million persons: one index probe each.
    class: sqlMigration([`create index known_person_institution_codes_index on scoring.known_person using gin (institution_codes)`]),
  },
  {
    name: '0006-sanction-recorded-at',
    // Sanctions taking effect on the same day (a termination lifted on appeal and its replacing suspension) keep the order they were decided in.
    class: sqlMigration([`alter table scoring.sanction add column recorded_at timestamptz not null default now()`]),
  },
  {
    name: '0007-known-registrations',
    // S10 counts an institution's personnel registered during a year: one index-only range per
    // institution, where the GIN index of persons' institution lists visited every person (and knew
    // no dates). A person's registrations at one institution are one row: the first day, the latest
    // registration, and its cancellation day while it is cancelled. Dates unknown before: null.
    class: sqlMigration([
      `create table scoring.known_registration (
         institution_code varchar(12) not null,
         person_code varchar(16) not null,
         registration_id uuid,
         registered_on date,
         cancelled_on date,
         primary key (institution_code, person_code) include (registered_on, cancelled_on))`,
      `insert into scoring.known_registration (institution_code, person_code)
         select distinct institution_code, kp.code from scoring.known_person kp cross join unnest(kp.institution_codes) institution_code`,
      `drop index scoring.known_person_institution_codes_index`,
    ]),
  },
  {
    name: '0008-region-figures-indexes',
    // A region's yearly figures read their institutions' score records' persons and points from the
    // (institution, year) index alone.
    class: sqlMigration([
      `create index score_record_institution_year_index on scoring.score_record (institution_code, year) include (person_code, points)`,
      `drop index scoring.score_record_institution_index`,
    ]),
  },
  {
    name: '0009-derived-year',
    // The year is re-derived from all of its records: a sanction keeps the day it was decided and
    // whether a re-derivation annulled it; a record keeps the agency's tier choice (002 art.25); a
    // repair keeps the day of the institution's review and the sanction it shortened.
    class: sqlMigration([
      `alter table scoring.sanction add column decided_on date, add column annulled boolean not null default false`,
      `update scoring.sanction set decided_on = "from"`,
      `alter table scoring.sanction alter column decided_on set not null`,
      `alter table scoring.score_record add column adjustment text`,
      `alter table scoring.repair_application add column reviewed_on date, add column shortened_sanction_id uuid`,
    ]),
  },
];
