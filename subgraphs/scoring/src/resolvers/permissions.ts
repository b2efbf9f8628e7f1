import { AGENCIES, ALL_READERS, PARTNERS, Role } from '@pq/caller';

/**
 * Who may call each of scoring's operations (docs/api.md, Tokens, roles and scope; least
 * privilege, 002 art.56). Row scope (region prefix, own institution, oneself) is checked where the
 * rows are loaded.
 */
export const PERMISSIONS = {
  violationItems: ALL_READERS,
  recordScores: [...AGENCIES, 'ADMINISTRATION'],
  deliverNotice: [...AGENCIES, 'ADMINISTRATION'],
  applyForRestoration: [...AGENCIES, 'INSTITUTION'],
  decideRestoration: AGENCIES,
  repair: [...AGENCIES, 'INSTITUTION', 'PERSON'],
  decideRepair: AGENCIES,
  reports: [...AGENCIES, 'ADMINISTRATION', ...PARTNERS],
  /** Each person's year total in bulk: for those who may export registry's persons (the gateway joins the two). */
  pointsExport: [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION', ...PARTNERS],
} satisfies Record<string, Role[]>;
