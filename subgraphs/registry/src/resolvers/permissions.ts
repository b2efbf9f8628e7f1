import { AGENCIES, ALL_READERS, PARTNERS, PERSONAL_DATA_READERS, Role } from '@pq/caller';

/**
 * Who may call each of registry's operations (docs/api.md, Tokens, roles and scope; least
 * privilege, 002 art.56). Row scope (region prefix, own institution, oneself) is checked where the
 * rows are loaded.
 */
export const PERMISSIONS = {
  person: ALL_READERS,
  /** Each kind of node keeps its own row scope (person, registration, institution). */
  node: ALL_READERS,
  persons: [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION', ...PARTNERS],
  registerPersonnel: [...AGENCIES, 'INSTITUTION'],
  signCommitment: [...AGENCIES, 'INSTITUTION', 'PERSON'],
  cancelRegistration: [...AGENCIES, 'INSTITUTION'],
  /** A person belongs to no institution: the agency alone corrects their data. */
  correctPersonData: AGENCIES,
  paymentEligibility: [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION'],
  auditClaims: [...AGENCIES, 'ADMINISTRATION'],
  personalData: PERSONAL_DATA_READERS,
  /** The change feed: agencies and partners (002 art.37, 52), within their region. */
  changes: [...AGENCIES, ...PARTNERS],
} satisfies Record<string, Role[]>;
