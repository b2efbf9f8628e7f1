import { deliveryTablesSql, MigrationEntry, sqlMigration } from '@pq/data';

export const migration0011: MigrationEntry = {
  name: '0011-event-dead-letters',
  // Failed deliveries wait aside (retries, dead letters) and a relay's lease replaces its session lock.
  class: sqlMigration(deliveryTablesSql('scoring')),
};
