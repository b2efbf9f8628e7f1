import type { MigrationEntry } from '@pq/data';
import { migration0001 } from './0001-appeals';
import { migration0002 } from './0002-appeal-life-cycle-and-disputes';
import { migration0003 } from './0003-audit-log';
import eventDeadLetters from './0004-event-dead-letters';
import { auditScope } from './0005-audit-scope';

/** In the order applied; a name, once applied somewhere, never changes (mikro_orm_migrations keeps it). */
export const migrations: MigrationEntry[] = [
  { name: '0001-appeals', class: migration0001 },
  { name: '0002-appeal-life-cycle-and-disputes', class: migration0002 },
  { name: '0003-audit-log', class: migration0003 },
  { name: '0004-event-dead-letters', class: eventDeadLetters },
  { name: '0005-audit-scope', class: auditScope },
];
