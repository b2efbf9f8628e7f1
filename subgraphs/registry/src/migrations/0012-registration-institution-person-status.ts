import { sqlMigration } from '@pq/data';

/**
 * The personnel pages' index with the registration's status in it: a page and its `totalCount`
 * filter on the status, and with it here both read the index alone (an index-only scan), not one
 * table page per registration of the institution.
 */
export default sqlMigration([
  `create index registration_institution_person_status_index on "registry".registration (institution_code, person_code, status)`,
  `drop index "registry".registration_institution_person_index`,
]);
