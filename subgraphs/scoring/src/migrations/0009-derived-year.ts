import { sqlMigration } from '@pq/data';

// The year is re-derived from all of its records: a sanction keeps the day it was decided and
// whether a re-derivation annulled it; a record keeps the agency's tier choice (002 art.25); a
// repair keeps the day of the institution's review and the sanction it shortened.
export default sqlMigration([
  `alter table scoring.sanction add column decided_on date, add column annulled boolean not null default false`,
  `update scoring.sanction set decided_on = "from"`,
  `alter table scoring.sanction alter column decided_on set not null`,
  `alter table scoring.score_record add column adjustment text`,
  `alter table scoring.repair_application add column reviewed_on date, add column shortened_sanction_id uuid`,
]);
