import { sqlMigration } from '@pq/data';

// Analytics count an institution's registered personnel among a million persons: one index probe each.
export default sqlMigration([`create index known_person_institution_codes_index on scoring.known_person using gin (institution_codes)`]);
