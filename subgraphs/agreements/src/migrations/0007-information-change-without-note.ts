import { sqlMigration } from '@pq/data';

export default sqlMigration([
  // Nothing ever wrote or read the note of an information change: the review's outcome is its status.
  `alter table agreements.information_change drop column note`,
]);
