/** The description of every `…Provisional` flag beside a deadline field, the same pattern throughout the API. */
export function provisionalDeadlineDescription(term: string, field: string): string {
  return `${term}为暂定 — ${field} was counted across a year whose official holiday schedule (国务院节假日安排) is not loaded yet, on the statutory holidays alone; it is recomputed when the schedule is loaded`;
}

/**
 * The GraphQL enums several subgraphs define (each from its own copy of the values): one text of
 * each, so the copies compose as one type.
 */
export const INSTITUTION_KIND_ENUM = {
  name: 'InstitutionKind',
  description: '机构类别 — kind of designated institution',
  valuesConfig: {
    MEDICAL: { description: '定点医疗机构 — designated medical institution' },
    PHARMACY: { description: '定点零售药店 — designated retail pharmacy' },
  },
};

export const PERSONNEL_CATEGORY_ENUM = {
  name: 'PersonnelCategory',
  description: '人员类别 — category of registered personnel (002 art.11, 000 form 1)',
  valuesConfig: {
    DOCTOR: { description: '医保医师 — doctor' },
    NURSE: { description: '医保护士 — nurse' },
    PHARMACIST: { description: '医保药师 — pharmacist' },
    TECHNICIAN: { description: '医保技师 — medical technician' },
    CAREGIVER: { description: '医保照护员 — caregiver' },
    SETTLEMENT_REVIEWER: { description: '医疗费用审核与医保结算人员 — medical-cost and settlement reviewer' },
    PHARMACY_PRINCIPAL: { description: '定点零售药店主要负责人 — principal in charge of a retail pharmacy' },
  },
};
