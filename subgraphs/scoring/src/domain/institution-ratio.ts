import type { RuleSetParameters } from './rule-set';

export enum RatioMeasure {
  NONE = 'NONE',
  PAYMENTS_HELD = 'PAYMENTS_HELD',
  AGREEMENT_SUSPENSION = 'AGREEMENT_SUSPENSION',
}

/**
 * S10: an institution whose suspended or terminated person-times in a year reach a share of its
 * registered personnel faces measures: from 20 % settlement payments are held, from 50 % its
 * agreement is suspended (the provincial example; shares per rule set).
 */
export function institutionRatio(
  rules: Pick<RuleSetParameters, 'institutionRatio'>,
  sanctionedPersonTimes: number,
  registeredPersonnel: number,
): { share: number; measure: RatioMeasure } {
  const share = registeredPersonnel === 0 ? 0 : sanctionedPersonTimes / registeredPersonnel;
  const { holdPaymentsFrom, suspendAgreementFrom } = rules.institutionRatio;
  const measure =
    share >= suspendAgreementFrom ? RatioMeasure.AGREEMENT_SUSPENSION : share >= holdPaymentsFrom ? RatioMeasure.PAYMENTS_HELD : RatioMeasure.NONE;
  return { share, measure };
}
