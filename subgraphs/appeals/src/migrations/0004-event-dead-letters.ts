import { deliveryTablesSql, sqlMigration } from '@pq/data';

// Failed deliveries wait aside (retries, dead letters) and a relay's lease replaces its session lock.
export default sqlMigration(deliveryTablesSql('appeals'));
