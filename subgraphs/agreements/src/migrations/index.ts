import type { MigrationEntry } from '@pq/data';
import institutionsAndAgreements from './0001-institutions-and-agreements';
import auditLog from './0002-audit-log';
import agreementLifeCycle from './0003-agreement-life-cycle';
import designationInformationChangesFundGate from './0004-designation-information-changes-fund-gate';
import agreementStatusSince from './0005-agreement-status-since';
import regionalAgreementsChainCause from './0006-regional-agreements-chain-cause';
import informationChangeWithoutNote from './0007-information-change-without-note';
import eventDeadLetters from './0008-event-dead-letters';
import { auditScope } from './0009-audit-scope';

/** In order; the names are stored in each database's mikro_orm_migrations table and never change. */
export const migrations: MigrationEntry[] = [
  { name: '0001-institutions-and-agreements', class: institutionsAndAgreements },
  { name: '0002-audit-log', class: auditLog },
  { name: '0003-agreement-life-cycle', class: agreementLifeCycle },
  { name: '0004-designation-information-changes-fund-gate', class: designationInformationChangesFundGate },
  { name: '0005-agreement-status-since', class: agreementStatusSince },
  { name: '0006-regional-agreements-chain-cause', class: regionalAgreementsChainCause },
  { name: '0007-information-change-without-note', class: informationChangeWithoutNote },
  { name: '0008-event-dead-letters', class: eventDeadLetters },
  { name: '0009-audit-scope', class: auditScope },
];
