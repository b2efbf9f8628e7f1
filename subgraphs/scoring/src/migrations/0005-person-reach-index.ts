import { MigrationEntry, sqlMigration } from '@pq/data';

export const migration0005: MigrationEntry = {
  name: '0005-person-reach-index',
  // Analytics count an institution's registered personnel among a million persons: one index probe each.
  class: sqlMigration([`create index known_person_institution_codes_index on scoring.known_person using gin (institution_codes)`]),
};
