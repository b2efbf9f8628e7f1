import { MigrationEntry, sqlMigration } from '@pq/data';

export const migration0008: MigrationEntry = {
  name: '0008-region-figures-indexes',
  // A region's yearly figures read their institutions' score records' persons and points from the
  // (institution, year) index alone.
  class: sqlMigration([
    `create index score_record_institution_year_index on scoring.score_record (institution_code, year) include (person_code, points)`,
    `drop index scoring.score_record_institution_index`,
  ]),
};
