import type { MigrationEntry } from '@pq/data';
import { migration0001 } from './0001-rule-sets-scores-sanctions';
import { migration0002 } from './0002-lifting-adjustments-restoration';
import { migration0003 } from './0003-person-reach-and-audit-log';
import { migration0004 } from './0004-repair-and-institution-ratio';
import { migration0005 } from './0005-person-reach-index';
import { migration0006 } from './0006-sanction-recorded-at';
import { migration0007 } from './0007-known-registrations';
import { migration0008 } from './0008-region-figures-indexes';
import { migration0009 } from './0009-derived-year';
import { migration0010 } from './0010-read-models-named-as-views';
import { migration0011 } from './0011-event-dead-letters';
import { migration0012 } from './0012-audit-scope';

/** In the order they ran: the names are stored in every database's mikro_orm_migrations table. */
export const migrations: MigrationEntry[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
];
