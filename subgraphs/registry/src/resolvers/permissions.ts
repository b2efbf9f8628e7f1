import { AGENCIES, ALL_READERS, PARTNERS, Role } from '@pq/caller';

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
  /** Full ID and phone numbers: never partners; row scope limits the rest (an institution its staff, a person themself). */
  personalData: [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION', 'PERSON'],
} satisfies Record<string, Role[]>;
