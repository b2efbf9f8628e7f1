import { EntityManager, findRows, queryRows } from '@pq/data';
import { IsoDate } from '@pq/time';
import type { AgreementState } from '../domain/change-feed';
import type { RegistryReads } from '../events/consumed';
import { AgreementStatusInterval } from '../entities/agreement-status-interval';
import { InstitutionView } from '../entities/institution-view';

/** Registry's read model of institutions and of their agreements' statuses day by day (G1, E3), kept from agreements' InstitutionUpserted. */

export function findInstitution(em: EntityManager, code: string): Promise<InstitutionView | null> {
  return em.findOne(InstitutionView, { code });
}

/** Every status interval of every agreement of the institution. */
export function agreementStatusesOf(em: EntityManager, institutionCode: string): Promise<AgreementStatusInterval[]> {
  return findRows(em, AgreementStatusInterval, { institutionCode });
}

export async function upsertInstitution(em: EntityManager, institution: Pick<InstitutionView, 'code' | 'kind' | 'regionCode'>): Promise<void> {
  await em.upsert(InstitutionView, { code: institution.code, kind: institution.kind, regionCode: institution.regionCode });
}

/** The institution's latest agreement as recorded: its status now and its validity; null before any. */
export async function currentAgreement(em: EntityManager, institutionCode: string): Promise<AgreementState | null> {
  const [row] = await queryRows<AgreementState>(em, {
    text: `select status, agreement_valid_from::text as "validFrom", agreement_valid_until::text as "validUntil" from registry.agreement_status_interval
            where institution_code = $1 and valid_to is null order by agreement_valid_from desc limit 1`,
    values: [institutionCode],
  });
  return row ?? null;
}

export type AgreementPayload = NonNullable<RegistryReads['InstitutionUpserted']['agreement']>;

/**
 * The agreement's status from `since` on: the interval open on that day is closed there and what
 * was recorded from that day on is replaced (a measure effective on an earlier day rewrites those
 * days). The same status again (an import, a department-level measure) only refreshes the validity.
 */
export async function recordAgreementStatus(em: EntityManager, institutionCode: string, agreement: AgreementPayload, since: IsoDate): Promise<void> {
  const agreementKey = [institutionCode, agreement.validFrom];
  const [current] = await queryRows<{ status: string }>(em, {
    text: `select status from registry.agreement_status_interval where institution_code = $1 and agreement_valid_from = $2 and valid_to is null`,
    values: agreementKey,
  });
  if (current?.status !== agreement.status) {
    await queryRows(em, {
      text: `delete from registry.agreement_status_interval where institution_code = $1 and agreement_valid_from = $2 and valid_from >= $3`,
      values: [...agreementKey, since],
    });
    await queryRows(em, {
      text: `update registry.agreement_status_interval set valid_to = $3 where institution_code = $1 and agreement_valid_from = $2 and (valid_to is null or valid_to > $3)`,
      values: [...agreementKey, since],
    });
    await queryRows(em, {
      text: `insert into registry.agreement_status_interval (institution_code, agreement_valid_from, agreement_valid_until, status, valid_from, valid_to) values ($1, $2, $3, $4, $5, null)`,
      values: [...agreementKey, agreement.validUntil, agreement.status, since],
    });
  }
  await queryRows(em, {
    text: `update registry.agreement_status_interval set agreement_valid_until = $3 where institution_code = $1 and agreement_valid_from = $2`,
    values: [...agreementKey, agreement.validUntil],
  });
}
