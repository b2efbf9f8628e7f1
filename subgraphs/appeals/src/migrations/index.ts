import type { MigrationEntry } from '@pq/data';
import m0001 from './0001-appeals';
import m0002 from './0002-appeal-life-cycle-and-disputes';
import m0003 from './0003-audit-log';
import m0004 from './0004-event-dead-letters';
import m0005 from './0005-audit-scope';
import m0006 from './0006-analytics';

/** In the order applied; a name, once applied somewhere, never changes (mikro_orm_migrations keeps it). */
export const migrations: MigrationEntry[] = [
  { name: '0001-appeals', class: m0001 },
  { name: '0002-appeal-life-cycle-and-disputes', class: m0002 },
  { name: '0003-audit-log', class: m0003 },
  { name: '0004-event-dead-letters', class: m0004 },
  { name: '0005-audit-scope', class: m0005 },
  { name: '0006-analytics', class: m0006 },
];
