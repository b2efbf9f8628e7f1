import type { MigrationEntry } from '@pq/data';
import { personsRegistrationsStatusHistory } from './0001-persons-registrations-status-history';
import { agreementHistoryReadModel } from './0002-agreement-history-read-model';
import { statusSource } from './0003-status-source';
import { auditLog } from './0004-audit-log';
import { agreementStatusIntervals } from './0005-agreement-status-intervals';
import { statusFromCauses } from './0006-status-from-causes';
import eventDeadLetters from './0007-event-dead-letters';
import { auditScope } from './0008-audit-scope';

/** In order; the names are stored in every database's mikro_orm_migrations table: never rename one. */
export const migrations: MigrationEntry[] = [
  { name: '0001-persons-registrations-status-history', class: personsRegistrationsStatusHistory },
  { name: '0002-agreement-history-read-model', class: agreementHistoryReadModel },
  { name: '0003-status-source', class: statusSource },
  { name: '0004-audit-log', class: auditLog },
  { name: '0005-agreement-status-intervals', class: agreementStatusIntervals },
  { name: '0006-status-from-causes', class: statusFromCauses },
  { name: '0007-event-dead-letters', class: eventDeadLetters },
  { name: '0008-audit-scope', class: auditScope },
];
