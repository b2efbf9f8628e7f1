import { sqlMigration } from '@pq/data';

export default sqlMigration([
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
]);
