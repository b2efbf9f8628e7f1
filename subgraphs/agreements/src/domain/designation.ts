import { addMonths, IsoDate } from '@pq/time';
import type { WorkingDays } from '@pq/time';
import { InstitutionKind } from './institution';

export enum DesignationStatus {
  SUBMITTED = 'SUBMITTED',
  SUPPLEMENT_REQUESTED = 'SUPPLEMENT_REQUESTED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
  ACCEPTED = 'ACCEPTED',
  EVALUATION_FAILED = 'EVALUATION_FAILED',
  PUBLICITY = 'PUBLICITY',
  SUPERVISION_PUBLICITY = 'SUPERVISION_PUBLICITY',
  NEGOTIATION = 'NEGOTIATION',
  SIGNED = 'SIGNED',
  CONNECTED = 'CONNECTED',
  LAPSED = 'LAPSED',
}

/** Applications still waiting for a step (one per institution at a time). */
export const OPEN_DESIGNATION_STATUSES: readonly DesignationStatus[] = [
  DesignationStatus.SUBMITTED,
  DesignationStatus.SUPPLEMENT_REQUESTED,
  DesignationStatus.ACCEPTED,
  DesignationStatus.PUBLICITY,
  DesignationStatus.SUPERVISION_PUBLICITY,
  DesignationStatus.NEGOTIATION,
  // Designated, and waiting for its IT hook-up (G8): the queue shows when that is due.
  DesignationStatus.SIGNED,
];

export enum DesignationAction {
  /** Recorded when an application is submitted; not a step one takes on an existing application. */
  SUBMIT = 'SUBMIT',
  ACCEPT = 'ACCEPT',
  REQUEST_SUPPLEMENT = 'REQUEST_SUPPLEMENT',
  SUPPLEMENT = 'SUPPLEMENT',
  NOT_ACCEPT = 'NOT_ACCEPT',
  PASS_EVALUATION = 'PASS_EVALUATION',
  FAIL_EVALUATION = 'FAIL_EVALUATION',
  COLLECTIVE_DECISION = 'COLLECTIVE_DECISION',
  START_NEGOTIATION = 'START_NEGOTIATION',
  SIGN = 'SIGN',
  CONFIRM_CONNECTION = 'CONFIRM_CONNECTION',
}

/** G2 (003 art.6–7): what the applicant declares about itself. */
export interface DesignationConditions {
  operatingMonths: number;
  contributionMonths: number;
  hasInsuranceRules: boolean;
  hasItInterface: boolean;
  insuranceStaff: number;
  /** Medical: doctors whose first registered site is this institution. */
  doctorsFirstRegisteredHere?: number | null;
  beds?: number | null;
  hasInsuranceDepartment?: boolean | null;
  /** Pharmacy. */
  licensedPharmacists?: number | null;
  insuranceStaffOnYearContracts?: number | null;
  hasDrugBusinessLicence?: boolean | null;
  /** G4 (medical): mainly non-basic services (cosmetic, assisted reproduction, care, implants). */
  mainlyNonBasicServices?: boolean | null;
  pricesPerPolicy?: boolean | null;
  inpatient?: boolean | null;
  /** G4: facts the agency checks against other registers. */
  onDishonestList?: boolean | null;
  principalCausedTerminationWithinFiveYears?: boolean | null;
  penaltyNotCarriedOut?: boolean | null;
}

/** G3 (003 art.8–9, form 5): the documents per kind. */
export const REQUIRED_MATERIALS: Record<InstitutionKind, string[]> = {
  MEDICAL: ['APPLICATION_FORM', 'PRACTICE_LICENCE', 'BUSINESS_LICENCE', 'STAFF_LIST', 'INSURANCE_RULES', 'IT_SYSTEM', 'PRICE_LIST', 'SOCIAL_INSURANCE_PROOF'],
  PHARMACY: [
    'APPLICATION_FORM',
    'DRUG_BUSINESS_LICENCE',
    'BUSINESS_LICENCE',
    'PHARMACIST_CERTIFICATES',
    'STAFF_CONTRACTS',
    'INSURANCE_RULES',
    'IT_SYSTEM',
    'SOCIAL_INSURANCE_PROOF',
  ],
};

/** What the applicant's history says (G4, G6): from this subgraph's own records. */
export interface ApplicantHistory {
  /** Latest terminations of this institution's agreements, with their triggers. */
  terminations: { on: IsoDate; trigger: string }[];
  /** Earlier applications that failed evaluation, and when. */
  failedEvaluations: IsoDate[];
  falsifiedMaterialsOn: IsoDate | null;
  /** G11: inpatient designations closed in this region this year (fund gate). */
  inpatientGateClosed: boolean;
}

export interface Findings {
  /** G2 conditions not met and G4/G6/G11 reasons not to accept: the application is not accepted. */
  refusals: string[];
  /** G3 documents missing: a supplement is requested. */
  missingMaterials: string[];
}

const within = (since: IsoDate, years: number, today: IsoDate) => addMonths(since, years * 12) > today;

/** Everything the completeness review must weigh (G2–G4, G6, G11), computed at submission. */
export function designationFindings(kind: InstitutionKind, c: DesignationConditions, materials: string[], history: ApplicantHistory, today: IsoDate): Findings {
  const refusals: string[] = [];
  const need = (ok: boolean, why: string) => ok || refusals.push(why);
  need(c.operatingMonths >= 3, 'G2: operating for at least 3 months');
  need(c.contributionMonths >= 3, 'G2: social-insurance contributions for at least 3 months');
  need(c.hasInsuranceRules, 'G2: internal insurance rules');
  need(c.hasItInterface, 'G2: an IT interface to the insurance platform');
  if (kind === InstitutionKind.MEDICAL) {
    need((c.doctorsFirstRegisteredHere ?? 0) >= 1, 'G2: at least one doctor whose first registered site is here');
    need(c.insuranceStaff >= 1, 'G2: staff in charge of insurance work');
    need((c.beds ?? 0) < 100 || Boolean(c.hasInsuranceDepartment), 'G2: 100 beds or more need an internal insurance department');
    need(!c.mainlyNonBasicServices, 'G4: mainly non-basic services (cosmetic, assisted reproduction, care, implants)');
    need(c.pricesPerPolicy !== false, 'G4: prices not per policy');
    need(!(c.inpatient && history.inpatientGateClosed), 'G11: inpatient designations are closed in this region this year');
  } else {
    need(Boolean(c.hasDrugBusinessLicence), 'G2: a drug-business licence');
    need((c.licensedPharmacists ?? 0) >= 1, 'G2: at least one licensed pharmacist');
    need((c.insuranceStaffOnYearContracts ?? 0) >= 2, 'G2: at least two insurance staff on contracts of a year or more');
  }
  need(!c.penaltyNotCarriedOut, 'G4: a penalty not carried out');
  need(!c.onDishonestList, 'G4: on the list of dishonest persons');
  need(!c.principalCausedTerminationWithinFiveYears, 'G4: the legal representative, principal or controller caused a termination within 5 years');
  for (const t of history.terminations) {
    need(
      !(['FRAUD', 'REPEATED_SUSPENSION', 'NO_SETTLEMENT_180_DAYS'].includes(t.trigger) && within(t.on, 3, today)),
      `G4: terminated for violations on ${t.on}, less than 3 years ago`,
    );
    need(!(t.trigger === 'SERIOUS_BREACH' && within(t.on, 1, today)), `G4: terminated for a serious breach on ${t.on}, less than 1 year ago`);
  }
  if (history.falsifiedMaterialsOn)
    need(!within(history.falsifiedMaterialsOn, 3, today), `G6: falsified materials on ${history.falsifiedMaterialsOn}: no application for 3 years`);
  const recentFails = history.failedEvaluations.filter((on) => within(on, 1, today));
  if (recentFails.length >= 2) need(false, 'G6: failed evaluation twice: no application for 1 year');
  else if (recentFails.some((on) => addMonths(on, 3) > today)) need(false, 'G6: after a failed evaluation, reapply after 3 months of rectification');
  const missingMaterials = REQUIRED_MATERIALS[kind].filter((m) => !materials.includes(m));
  return { refusals, missingMaterials };
}

export interface DesignationState {
  status: DesignationStatus;
  kind: InstitutionKind;
  findings: Findings;
  /** The deadline of the step the application waits for. */
  dueBy: IsoDate | null;
  onSiteEvaluated: boolean;
}

export type DesignationResult =
  { ok: true; status: DesignationStatus; dueBy: IsoDate | null } | { ok: false; code: 'INVALID_STATE' | 'BAD_USER_INPUT' | 'DEADLINE_PASSED'; message: string };

const FROM: Record<DesignationAction, DesignationStatus[]> = {
  SUBMIT: [],
  ACCEPT: [DesignationStatus.SUBMITTED],
  REQUEST_SUPPLEMENT: [DesignationStatus.SUBMITTED],
  NOT_ACCEPT: [DesignationStatus.SUBMITTED],
  SUPPLEMENT: [DesignationStatus.SUPPLEMENT_REQUESTED],
  PASS_EVALUATION: [DesignationStatus.ACCEPTED],
  FAIL_EVALUATION: [DesignationStatus.ACCEPTED],
  COLLECTIVE_DECISION: [DesignationStatus.PUBLICITY],
  START_NEGOTIATION: [DesignationStatus.SUPERVISION_PUBLICITY],
  SIGN: [DesignationStatus.NEGOTIATION],
  CONFIRM_CONNECTION: [DesignationStatus.SIGNED],
};

/** Steps that wait for a publicity period to end first. */
const WAITS_FOR_END = new Set([DesignationAction.COLLECTIVE_DECISION, DesignationAction.START_NEGOTIATION]);

/** G5–G8: how long an application may stay in each status, counted from the day it entered it. */
const STATUS_DEADLINES: Partial<Record<DesignationStatus, { workingDays: number } | { months: number }>> = {
  [DesignationStatus.SUBMITTED]: { workingDays: 5 },
  [DesignationStatus.SUPPLEMENT_REQUESTED]: { workingDays: 5 },
  [DesignationStatus.ACCEPTED]: { months: 3 },
  [DesignationStatus.PUBLICITY]: { workingDays: 7 },
  [DesignationStatus.SUPERVISION_PUBLICITY]: { workingDays: 5 },
  [DesignationStatus.NEGOTIATION]: { months: 1 },
  [DesignationStatus.SIGNED]: { workingDays: 15 },
};

/** The deadline of a status entered `on` (null: none), and whether it counts working days (so depends on the calendar). */
export function statusDeadline(status: DesignationStatus, on: IsoDate, calendar: WorkingDays): { dueBy: IsoDate | null; workingDays: boolean } {
  const rule = STATUS_DEADLINES[status];
  if (!rule) return { dueBy: null, workingDays: false };
  return 'months' in rule
    ? { dueBy: addMonths(on, rule.months), workingDays: false }
    : { dueBy: calendar.addWorkingDays(on, rule.workingDays), workingDays: true };
}

/** G5–G8: the steps of a designation, their order and their deadlines, up to the IT hook-up; a step taken `on` a day is judged on that day and its deadline counts from it. */
export function designationStep(state: DesignationState, action: DesignationAction, on: IsoDate, calendar: WorkingDays): DesignationResult {
  if (!FROM[action].includes(state.status))
    return {
      ok: false,
      code: 'INVALID_STATE',
      message: `an application that is ${state.status.toLowerCase()} cannot be ${action.toLowerCase().replace(/_/g, ' ')}`,
    };
  if (state.dueBy) {
    if (WAITS_FOR_END.has(action) && on <= state.dueBy) return { ok: false, code: 'INVALID_STATE', message: `the publicity runs until ${state.dueBy}` };
    if (!WAITS_FOR_END.has(action) && on > state.dueBy && [DesignationAction.SUPPLEMENT, DesignationAction.SIGN].includes(action)) {
      return { ok: false, code: 'DEADLINE_PASSED', message: `the deadline was ${state.dueBy}; the application has lapsed` };
    }
  }
  const next = (status: DesignationStatus): DesignationResult => ({ ok: true, status, dueBy: statusDeadline(status, on, calendar).dueBy });
  switch (action) {
    case DesignationAction.ACCEPT:
      if (state.findings.refusals.length) return { ok: false, code: 'BAD_USER_INPUT', message: `not acceptable: ${state.findings.refusals.join('; ')}` };
      if (state.findings.missingMaterials.length)
        return { ok: false, code: 'BAD_USER_INPUT', message: `materials missing (ask for a supplement): ${state.findings.missingMaterials.join(', ')}` };
      return next(DesignationStatus.ACCEPTED);
    case DesignationAction.REQUEST_SUPPLEMENT:
      return next(DesignationStatus.SUPPLEMENT_REQUESTED);
    case DesignationAction.SUPPLEMENT:
      return next(DesignationStatus.SUBMITTED);
    case DesignationAction.NOT_ACCEPT:
      return next(DesignationStatus.NOT_ACCEPTED);
    case DesignationAction.PASS_EVALUATION:
      if (state.kind === InstitutionKind.MEDICAL && !state.onSiteEvaluated)
        return { ok: false, code: 'BAD_USER_INPUT', message: 'a medical institution passes only after the on-site evaluation (G6)' };
      return next(DesignationStatus.PUBLICITY);
    case DesignationAction.FAIL_EVALUATION:
      return next(DesignationStatus.EVALUATION_FAILED);
    case DesignationAction.COLLECTIVE_DECISION:
      return next(DesignationStatus.SUPERVISION_PUBLICITY);
    case DesignationAction.START_NEGOTIATION:
      return next(DesignationStatus.NEGOTIATION);
    case DesignationAction.SIGN:
      return next(DesignationStatus.SIGNED);
    case DesignationAction.CONFIRM_CONNECTION:
      // Late too: the agreement stands, and the steps' dates show the delay against dueBy.
      return next(DesignationStatus.CONNECTED);
    case DesignationAction.SUBMIT:
      return { ok: false, code: 'INVALID_STATE', message: 'an application is submitted once' };
  }
}

/** G5, G8: an application waiting past its supplement or signing deadline has lapsed. */
export function effectiveDesignationStatus(status: DesignationStatus, dueBy: IsoDate | null, today: IsoDate): DesignationStatus {
  const lapses = status === DesignationStatus.SUPPLEMENT_REQUESTED || status === DesignationStatus.NEGOTIATION;
  return lapses && dueBy && today > dueBy ? DesignationStatus.LAPSED : status;
}
