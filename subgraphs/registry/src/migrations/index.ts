import type { MigrationEntry } from '@pq/data';
import m0001 from './0001-persons-registrations-status-history';
import m0002 from './0002-agreement-history-read-model';
import m0003 from './0003-status-source';
import m0004 from './0004-audit-log';
import m0005 from './0005-agreement-status-intervals';
import m0006 from './0006-status-from-causes';
import m0007 from './0007-event-dead-letters';
import m0008 from './0008-audit-scope';
import m0009 from './0009-registration-updated-at';
import m0010 from './0010-change-feed';
import m0011 from './0011-registration-institution-person';
import m0012 from './0012-registration-institution-person-status';

/** In order; the names are stored in every database's mikro_orm_migrations table: never rename one. */
export const migrations: MigrationEntry[] = [
  { name: '0001-persons-registrations-status-history', class: m0001 },
  { name: '0002-agreement-history-read-model', class: m0002 },
  { name: '0003-status-source', class: m0003 },
  { name: '0004-audit-log', class: m0004 },
  { name: '0005-agreement-status-intervals', class: m0005 },
  { name: '0006-status-from-causes', class: m0006 },
  { name: '0007-event-dead-letters', class: m0007 },
  { name: '0008-audit-scope', class: m0008 },
  { name: '0009-registration-updated-at', class: m0009 },
  { name: '0010-change-feed', class: m0010 },
  { name: '0011-registration-institution-person', class: m0011 },
  { name: '0012-registration-institution-person-status', class: m0012 },
];
