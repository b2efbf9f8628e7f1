import { sqlMigration } from '@pq/data';

export default sqlMigration([
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
]);
