import { AGENCIES, Role } from '@pq/caller';

/**
 * Who may call each of appeals' operations (docs/api.md, Tokens, roles and scope; least
 * privilege, 002 art.56). Row scope is checked where the rows are loaded.
 */
export const PERMISSIONS = {
  fileAppeal: ['INSTITUTION', 'PERSON'],
  fileAgreementDispute: ['INSTITUTION'],
  /** Each step's own rule (appeal-machine.ts) says which of these roles may take it. */
  appealSteps: [...AGENCIES, 'ADMINISTRATION', 'INSTITUTION', 'PERSON'],
  appealQueue: [...AGENCIES, 'ADMINISTRATION'],
} satisfies Record<string, Role[]>;
