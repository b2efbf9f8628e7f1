import { sqlMigration } from '@pq/data';

// S10 counts an institution's personnel registered during a year: one index-only range per
// institution, where the GIN index of persons' institution lists visited every person (and knew
// no dates). A person's registrations at one institution are one row: the first day, the latest
// registration, and its cancellation day while it is cancelled. Dates unknown before: null.
export default sqlMigration([
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
]);
