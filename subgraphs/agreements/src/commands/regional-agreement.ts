import { assertActsFor } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { DomainError, notFound } from '@pq/errors';
import { IsoDate } from '@pq/time';
import { effectiveStatus } from '../domain/agreement-machine';
import { AgreementStatus } from '../domain/institution';
import { regionalAgreementProblem } from '../domain/linkage';
import { agreementStartingOn, createAgreement, latestAgreement } from '../repositories/agreements';
import { findInstitution, lockInstitutions } from '../repositories/institutions';
import { Actor } from './actor';

export interface RegionalAgreementRequest {
  institutionCode: string;
  regionCode: string;
  validFrom: IsoDate;
  validUntil: IsoDate;
}

/**
 * 003 art.33: an institution's agreement with the agency of another co-ordination region, signed
 * there or brought in from before. The same region and first day name the same agreement, whose
 * end is updated. Only while the home agreement is in force: its suspension or termination would
 * reach this one at once (art.33 ¶2). The read models keep the home agreement: no event.
 * Returns the agreement's id.
 */
export async function signRegionalAgreement(em: EntityManager, actor: Pick<Actor, 'caller' | 'clock'>, request: RegionalAgreementRequest): Promise<string> {
  await lockInstitutions(em, [request.institutionCode]);
  const institution = await findInstitution(em, request.institutionCode);
  if (!institution) throw notFound('institution', request.institutionCode);
  const problem = regionalAgreementProblem({ ...request, homeRegion: institution.regionCode });
  if (problem) throw new DomainError(problem.code, problem.message);
  assertActsFor(actor.caller, institution.code, request.regionCode);
  const home = await latestAgreement(em, institution.code, institution.regionCode);
  const homeStatus = home ? effectiveStatus(home, actor.clock.today()) : null;
  if (homeStatus !== AgreementStatus.ACTIVE) {
    throw new DomainError(
      'INVALID_STATE',
      `${institution.code}'s agreement with its own region ${institution.regionCode} is ${homeStatus?.toLowerCase() ?? 'missing'}: no agreement with another region meanwhile (003 art.33)`,
    );
  }
  const existing = await agreementStartingOn(em, institution.code, request.regionCode, request.validFrom);
  const agreement = existing ?? createAgreement(em, institution.code, request.regionCode, { validFrom: request.validFrom, validUntil: request.validUntil });
  agreement.validUntil = request.validUntil;
  await em.flush();
  return agreement.id;
}
