import { AGENCIES, ALL_READERS, Role } from '@pq/caller';

/**
 * Who may call each of agreements' operations (docs/api.md, Tokens, roles and scope; least
 * privilege, 002 art.56). Row scope (region prefix, own institution) is checked where the rows are
 * loaded and where a command acts.
 */
export const PERMISSIONS = {
  institution: ALL_READERS,
  institutions: ALL_READERS,
  importInstitutions: AGENCIES,
  agreementMeasures: AGENCIES,
  renewAgreement: [...AGENCIES, 'INSTITUTION'],
  designation: [...AGENCIES, 'INSTITUTION'],
  designationQueue: [...AGENCIES, 'ADMINISTRATION'],
  informationChange: [...AGENCIES, 'INSTITUTION'],
} satisfies Record<string, Role[]>;
