import { sqlMigration } from '@pq/data';

// A region's yearly figures read their institutions' score records' persons and points from the
// (institution, year) index alone.
export default sqlMigration([
  `create index score_record_institution_year_index on scoring.score_record (institution_code, year) include (person_code, points)`,
  `drop index scoring.score_record_institution_index`,
]);
