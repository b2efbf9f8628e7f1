import { sqlMigration } from '@pq/data';

// Read models of other subgraphs' facts are named `<thing>_view`, as in the other subgraphs. A
// registration's dates leave its primary key for an index of their own, one its entity can name:
// S10's count per institution stays an index-only range. Restoration applications are read per person.
export default sqlMigration([
  `alter table scoring.known_person rename to person_view`,
  `alter index scoring.known_person_pkey rename to person_view_pkey`,
  `alter table scoring.known_institution rename to institution_view`,
  `alter index scoring.known_institution_pkey rename to institution_view_pkey`,
  `alter table scoring.known_registration rename to registration_view`,
  `alter table scoring.registration_view drop constraint known_registration_pkey, add constraint registration_view_pkey primary key (institution_code, person_code)`,
  `create index registration_view_institution_dates_index on scoring.registration_view (institution_code, registered_on, cancelled_on)`,
  `create index restoration_application_person_code_index on scoring.restoration_application (person_code)`,
]);
