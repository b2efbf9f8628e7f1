import { EntityManager } from '@pq/data';
import { Outbox, OutgoingEvent } from '@pq/events';
import { AgreementAction } from '../domain/agreement-machine';
import type { Agreement } from '../entities/agreement';
import type { AgreementMeasure } from '../entities/agreement-measure';
import type { Institution } from '../entities/institution';
import { AgreementsEvents, subscribers } from './payloads';

/** What agreements publishes, written in the change's transaction. */
export const outbox = new Outbox<AgreementsEvents>('agreements', subscribers);

/** The event that tells the read models of registry, scoring and appeals an institution's facts and current agreement. */
export function institutionUpserted(institution: Institution, agreement: Agreement | null): OutgoingEvent<AgreementsEvents> {
  return {
    type: 'InstitutionUpserted',
    key: institution.code,
    payload: {
      code: institution.code,
      name: institution.name,
      kind: institution.kind,
      regionCode: institution.regionCode,
      agreement: agreement && {
        id: agreement.id,
        status: agreement.status,
        statusSince: agreement.statusSince,
        validFrom: agreement.validFrom,
        validUntil: agreement.validUntil,
      },
    },
  };
}

export function publishInstitution(em: EntityManager, institution: Institution, agreement: Agreement | null): Promise<string[]> {
  return outbox.publishAll(em, [institutionUpserted(institution, agreement)]);
}

export function publishInstitutions(em: EntityManager, events: OutgoingEvent<AgreementsEvents>[]): Promise<string[]> {
  return outbox.publishAll(em, events);
}

type StatusAction = AgreementAction.SUSPEND | AgreementAction.RESUME | AgreementAction.TERMINATE;
const changesStatus = (action: AgreementAction): action is StatusAction =>
  action === AgreementAction.SUSPEND || action === AgreementAction.RESUME || action === AgreementAction.TERMINATE;

/** A suspension, resumption or termination, with the persons responsible, for registry (R7); renewals stay here. */
export async function publishAgreementMeasure(em: EntityManager, measure: AgreementMeasure): Promise<void> {
  const { action } = measure;
  if (!changesStatus(action)) return;
  await outbox.publish(em, 'AgreementMeasureApplied', measure.institutionCode, {
    measureId: measure.id,
    institutionCode: measure.institutionCode,
    action,
    effectiveOn: measure.effectiveOn,
    responsiblePersonCodes: measure.responsiblePersonCodes,
    allStaff: measure.allStaff,
    reason: measure.department ? `${measure.department}: ${measure.reason}` : measure.reason,
    basisDocument: measure.basisDocument ?? null,
    department: measure.department ?? null,
  });
}
