import type { MigrationEntry } from '@pq/data';
import m0001 from './0001-institutions-and-agreements';
import m0002 from './0002-audit-log';
import m0003 from './0003-agreement-life-cycle';
import m0004 from './0004-designation-information-changes-fund-gate';
import m0005 from './0005-agreement-status-since';
import m0006 from './0006-regional-agreements-chain-cause';
import m0007 from './0007-information-change-without-note';
import m0008 from './0008-event-dead-letters';
import m0009 from './0009-audit-scope';

/** In order; the names are stored in each database's mikro_orm_migrations table and never change. */
export const migrations: MigrationEntry[] = [
  { name: '0001-institutions-and-agreements', class: m0001 },
  { name: '0002-audit-log', class: m0002 },
  { name: '0003-agreement-life-cycle', class: m0003 },
  { name: '0004-designation-information-changes-fund-gate', class: m0004 },
  { name: '0005-agreement-status-since', class: m0005 },
  { name: '0006-regional-agreements-chain-cause', class: m0006 },
  { name: '0007-information-change-without-note', class: m0007 },
  { name: '0008-event-dead-letters', class: m0008 },
  { name: '0009-audit-scope', class: m0009 },
];
