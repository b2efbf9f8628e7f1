import type { MigrationEntry } from '@pq/data';
import m0001 from './0001-rule-sets-scores-sanctions';
import m0002 from './0002-lifting-adjustments-restoration';
import m0003 from './0003-person-reach-and-audit-log';
import m0004 from './0004-repair-and-institution-ratio';
import m0005 from './0005-person-reach-index';
import m0006 from './0006-sanction-recorded-at';
import m0007 from './0007-known-registrations';
import m0008 from './0008-region-figures-indexes';
import m0009 from './0009-derived-year';
import m0010 from './0010-read-models-named-as-views';
import m0011 from './0011-event-dead-letters';
import m0012 from './0012-audit-scope';
import m0013 from './0013-analytics';

/** In the order they ran: the names are stored in every database's mikro_orm_migrations table. */
export const migrations: MigrationEntry[] = [
  { name: '0001-rule-sets-scores-sanctions', class: m0001 },
  { name: '0002-lifting-adjustments-restoration', class: m0002 },
  { name: '0003-person-reach-and-audit-log', class: m0003 },
  { name: '0004-repair-and-institution-ratio', class: m0004 },
  { name: '0005-person-reach-index', class: m0005 },
  { name: '0006-sanction-recorded-at', class: m0006 },
  { name: '0007-known-registrations', class: m0007 },
  { name: '0008-region-figures-indexes', class: m0008 },
  { name: '0009-derived-year', class: m0009 },
  { name: '0010-read-models-named-as-views', class: m0010 },
  { name: '0011-event-dead-letters', class: m0011 },
  { name: '0012-audit-scope', class: m0012 },
  { name: '0013-analytics', class: m0013 },
];
