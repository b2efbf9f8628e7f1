import { assertActsFor, DomainError, EntityManager, IsoDate, lockAggregates, notFound } from '@pq/kit';
import { effectiveStatus, newAgreement } from '../domain/agreement-machine';
import { AgreementStatus } from '../domain/institution';
import { regionalAgreementProblem } from '../domain/linkage';
import { Agreement } from '../entities/agreement';
import { Institution } from '../entities/institution';
import type { Context } from '../resolvers/context';

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
export async function signRegionalAgreement(em: EntityManager, context: Context, request: RegionalAgreementRequest): Promise<string> {
  await lockAggregates(em, 'institution', [request.institutionCode]);
  const institution = await em.findOne(Institution, { code: request.institutionCode });
  if (!institution) throw notFound('institution', request.institutionCode);
  const problem = regionalAgreementProblem({ ...request, homeRegion: institution.regionCode });
  if (problem) throw new DomainError(problem.code, problem.message);
  assertActsFor(context, institution.code, request.regionCode);
  const home = await em.findOne(Agreement, { institutionCode: institution.code, regionCode: institution.regionCode }, { orderBy: { validFrom: 'desc' } });
  const homeStatus = home ? effectiveStatus(home, context.clock.today()) : null;
  if (homeStatus !== AgreementStatus.ACTIVE) {
    throw new DomainError('INVALID_STATE', `${institution.code}'s agreement with its own region ${institution.regionCode} is ${homeStatus?.toLowerCase() ?? 'missing'}: no agreement with another region meanwhile (003 art.33)`);
  }
  const existing = await em.findOne(Agreement, { institutionCode: institution.code, regionCode: request.regionCode, validFrom: request.validFrom });
  const agreement = existing ?? em.create(Agreement, { institutionCode: institution.code, regionCode: request.regionCode, ...newAgreement({ validFrom: request.validFrom, validUntil: request.validUntil }) });
  agreement.validUntil = request.validUntil;
  await em.flush();
  return agreement.id;
}
