import { sqlMigration } from '@pq/data';

export default sqlMigration([
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
]);
