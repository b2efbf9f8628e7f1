/**
 * Refusals by the rules, known to commands and domain code without GraphQL: the GraphQL layer
 * (@pq/graphql/server) turns each into an error with its code in `extensions.code`.
 */

/** Stable error codes that clients branch on (docs/api.md, Errors: SCREAMING_SNAKE_CASE in `extensions.code`): each one a client's mistake, never a fault. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'INVALID_CURSOR',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INVALID_STATE',
  'DEADLINE_PASSED',
  'INVALID_ID_NUMBER',
  'INVALID_PERSONNEL_CODE',
  'INVALID_INSTITUTION_CODE',
  'INVALID_REGION_CODE',
  'DUPLICATE_REGISTRATION',
  'PERSON_DATA_MISMATCH',
  'REGISTRATION_BANNED',
  'NO_AGREEMENT_IN_FORCE',
  'IDEMPOTENCY_KEY_REUSED',
  'BATCH_TOO_LARGE',
  'RESULT_TOO_LARGE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface EntryProblem {
  index: number;
  code: ErrorCode;
  message: string;
  /** Rule-specific facts, e.g. the last day of a registration ban. */
  until?: string;
  /** The input field the problem is about, e.g. `name` for PERSON_DATA_MISMATCH. */
  field?: string;
}

/** A refusal by a domain rule. Thrown inside a transaction, it rolls everything back. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Facts beside the code that clients read (`extensions` in GraphQL), e.g. `field` or `entries`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * A batch refused because of some of its entries: one problem per bad entry, with its index,
 * so a portal can mark the rows. The top-level code is the first entry's code when all agree.
 */
export class BatchRejectedError extends DomainError {
  constructor(problems: EntryProblem[]) {
    const codes = new Set(problems.map((p) => p.code));
    const code = codes.size === 1 ? problems[0].code : 'BAD_USER_INPUT';
    super(
      code,
      `${problems.length} entr${problems.length === 1 ? 'y' : 'ies'} refused; nothing was stored: ${problems.map((p) => `#${p.index} ${p.message}`).join('; ')}`,
      { entries: problems },
    );
  }
}

export const notFound = (what: string, key: string) => new DomainError('NOT_FOUND', `${what} ${key} does not exist`);
