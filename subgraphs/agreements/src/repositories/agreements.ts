import { EntityManager, findRows } from '@pq/data';
import { IsoDate } from '@pq/time';
import { AgreementAction, newAgreement } from '../domain/agreement-machine';
import { AgreementStatus } from '../domain/institution';
import { Agreement } from '../entities/agreement';
import { AgreementMeasure } from '../entities/agreement-measure';

/** Agreements and the measures taken on them; they are locked through their institution (lockInstitutions). */

/** A new agreement of an institution with a region (designation, import, renewal, another region's), in force from its first day. */
export function createAgreement(
  em: EntityManager,
  institutionCode: string,
  regionCode: string,
  validity: { validFrom: IsoDate; validUntil: IsoDate },
): Agreement {
  return em.create(Agreement, { institutionCode, regionCode, ...newAgreement(validity) });
}

export function findAgreement(em: EntityManager, id: string): Promise<Agreement> {
  return em.findOneOrFail(Agreement, { id });
}

/** The current agreement of an institution with a region: the latest by start date. */
export function latestAgreement(em: EntityManager, institutionCode: string, regionCode: string): Promise<Agreement | null> {
  return em.findOne(Agreement, { institutionCode, regionCode }, { orderBy: { validFrom: 'desc' } });
}

export function agreementStartingOn(em: EntityManager, institutionCode: string, regionCode: string, validFrom: IsoDate): Promise<Agreement | null> {
  return em.findOne(Agreement, { institutionCode, regionCode, validFrom });
}

/** An agreement with the region, active or suspended, that still runs on the day. */
export function agreementRunningOn(em: EntityManager, institutionCode: string, regionCode: string, on: IsoDate): Promise<Agreement | null> {
  return em.findOne(Agreement, { institutionCode, regionCode, status: { $in: [AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED] }, validUntil: { $gte: on } });
}

/** Every agreement of the institutions, with every region. */
export function agreementsOf(em: EntityManager, institutionCodes: string[]): Promise<Agreement[]> {
  return em.find(Agreement, { institutionCode: { $in: institutionCodes } });
}

export function agreementsWithOtherRegions(em: EntityManager, institutionCode: string, homeRegion: string): Promise<Agreement[]> {
  return em.find(Agreement, { institutionCode, regionCode: { $ne: homeRegion } });
}

export function suspendedAgreements(em: EntityManager): Promise<Agreement[]> {
  return em.find(Agreement, { status: AgreementStatus.SUSPENDED, suspendedSince: { $ne: null } });
}

/** For loaders: every agreement of each institution, oldest first; plain instances, read only. */
export function agreementsByInstitution(em: EntityManager, institutionCodes: string[]): Promise<Agreement[]> {
  return findRows(em, Agreement, { institutionCode: institutionCodes }, { validFrom: 'asc' });
}

export type NewMeasure = Omit<AgreementMeasure, 'id' | 'recordedAt'>;

export function recordMeasure(em: EntityManager, measure: NewMeasure): AgreementMeasure {
  return em.create(AgreementMeasure, measure);
}

export function measuresById(em: EntityManager, ids: string[]): Promise<AgreementMeasure[]> {
  return em.find(AgreementMeasure, { id: { $in: ids } }, { orderBy: { recordedAt: 'asc' } });
}

/** Every termination an institution underwent, whichever region's (G4: a history that bars designation). */
export function terminationsOf(em: EntityManager, institutionCode: string): Promise<AgreementMeasure[]> {
  return em.find(AgreementMeasure, { institutionCode, action: AgreementAction.TERMINATE });
}

/** For loaders: each institution's measures, oldest first; plain instances, read only. */
export function measuresByInstitution(em: EntityManager, institutionCodes: string[]): Promise<AgreementMeasure[]> {
  return findRows(em, AgreementMeasure, { institutionCode: institutionCodes }, { recordedAt: 'asc' });
}
