import { sqlMigration } from '@pq/data';

export default sqlMigration([
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
]);
