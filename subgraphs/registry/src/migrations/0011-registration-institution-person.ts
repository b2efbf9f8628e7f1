import { sqlMigration } from '@pq/data';

/**
 * An institution's registrations in person-code order: a personnel page reads its `first` persons
 * from here after the cursor, instead of every registration of the institution and a sort.
 */
export default sqlMigration([`create index registration_institution_person_index on "registry".registration (institution_code, person_code)`]);
