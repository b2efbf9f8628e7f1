import type { AuthChecker } from 'type-graphql';
import type { Role } from './auth';
import { DomainError } from './errors';
import type { RequestContext } from './context';

const AGENCIES: Role[] = ['NATIONAL_AGENCY', 'PROVINCIAL_AGENCY', 'CITY_AGENCY'];
const PARTNERS: Role[] = ['HEALTH_PARTNER', 'DRUG_PARTNER'];
const ALL_READERS: Role[] = [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION', 'PERSON', ...PARTNERS];

/**
 * Who may call each operation: the one table of API.md "Callers" (least privilege, 002 art.56).
 * Row scope (region prefix, own institution, oneself) is checked where the rows are loaded.
 */
export const PERMISSIONS = {
  person: ALL_READERS,
  persons: [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION', ...PARTNERS],
  registerPersonnel: [...AGENCIES, 'INSTITUTION'],
  signCommitment: [...AGENCIES, 'INSTITUTION', 'PERSON'],
  cancelRegistration: [...AGENCIES, 'INSTITUTION'],
  paymentEligibility: [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION'],
  auditClaims: [...AGENCIES, 'ADMINISTRATION'],
  violationItems: ALL_READERS,
  recordScores: [...AGENCIES, 'ADMINISTRATION'],
  deliverNotice: [...AGENCIES, 'ADMINISTRATION'],
  applyForRestoration: [...AGENCIES, 'INSTITUTION'],
  decideRestoration: AGENCIES,
  repair: [...AGENCIES, 'INSTITUTION', 'PERSON'],
  decideRepair: AGENCIES,
  reports: [...AGENCIES, 'ADMINISTRATION', ...PARTNERS],
  institution: ALL_READERS,
  institutions: ALL_READERS,
  importInstitutions: AGENCIES,
  agreementMeasures: AGENCIES,
  renewAgreement: [...AGENCIES, 'INSTITUTION'],
  designation: [...AGENCIES, 'INSTITUTION'],
  designationQueue: [...AGENCIES, 'ADMINISTRATION'],
  informationChange: [...AGENCIES, 'INSTITUTION'],
  auditLog: ['ADMINISTRATION', 'NATIONAL_AGENCY'],
  /** Full ID and phone numbers: never partners; row scope limits the rest (an institution its staff, a person themself). */
  personalData: [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION', 'PERSON'],
  fileAppeal: ['INSTITUTION', 'PERSON'],
  fileAgreementDispute: ['INSTITUTION'],
  /** Each step's own rule (appeal-machine.ts) says which of these roles may take it. */
  appealSteps: [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION', 'PERSON'],
  appealQueue: [...AGENCIES, 'ADMINISTRATION'],
} satisfies Record<string, Role[]>;

/** type-graphql's `@Authorized(PERMISSIONS.x)` check: no token → UNAUTHENTICATED, wrong role → FORBIDDEN. */
export const authChecker: AuthChecker<RequestContext> = ({ context }, roles) => {
  const { caller } = context;
  if (caller.role === 'PUBLIC') throw new DomainError('UNAUTHENTICATED', 'this operation needs a token (Authorization: Bearer …)');
  if (roles.length > 0 && !roles.includes(caller.role)) throw new DomainError('FORBIDDEN', `role ${caller.role} may not do this`);
  return true;
};

/** An institution's staff act for their own institution only; agencies within their region prefix. */
export function assertActsFor(context: RequestContext, institutionCode: string, regionCode: string): void {
  const { caller } = context;
  if (caller.role === 'INSTITUTION' && caller.institution !== institutionCode) {
    throw new DomainError('FORBIDDEN', `an institution account may act only for its own institution (${caller.institution})`);
  }
  if (!regionCode.startsWith(caller.region)) {
    throw new DomainError('FORBIDDEN', `region ${regionCode} is outside the caller's region ${caller.region || '(national)'}`);
  }
}

/** The largest batch one mutation may carry (registrations, score items, imported institutions). */
export const MAX_BATCH_ENTRIES = 1000;
