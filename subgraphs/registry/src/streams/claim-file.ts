import { DomainError } from '@pq/errors';
import { isIsoDate } from '@pq/time';
import type { ClaimLine } from '../repositories/claim-facts';
import { isClaimAmount, MAX_CLAIM_AMOUNT } from '../domain/eligibility';

/** The two formats of a claims file, in and out (docs/claims-audit.md). */
export type ClaimFileFormat = 'csv' | 'ndjson';

export const CONTENT_TYPES: Record<ClaimFileFormat, string> = { csv: 'text/csv', ndjson: 'application/x-ndjson' };

/** The one header a CSV claims file starts with: the fields of ClaimInput, in this order. */
export const CLAIM_CSV_HEADER = 'lineId,personCode,institutionCode,serviceDate,emergency,amount';
const FIELDS = new Set(CLAIM_CSV_HEADER.split(','));
/** As the ID inputs of auditClaims (DEFAULT_LENGTH_LIMITS of @pq/graphql). */
const ID_MAX_LENGTH = 64;
/** A claim's line is well under 400 characters; a longer one is refused before it is whole, so a body without newlines is never held. */
export const MAX_LINE_CHARS = 4096;
/** A JSON number: what GraphQL's Float takes, written in CSV. */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A client's mistake on one line of the file: the whole file is refused, naming the line (1 = the file's first line). */
export function lineRefusal(line: number, message: string, field?: string): DomainError {
  return new DomainError('BAD_USER_INPUT', `line ${line}: ${message}`, field ? { line, field } : { line });
}

export function formatOfContentType(contentType: string | undefined): ClaimFileFormat | undefined {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type === CONTENT_TYPES.csv ? 'csv' : type === CONTENT_TYPES.ndjson ? 'ndjson' : undefined;
}

/** The answer's format: the one `Accept` names, else the input's. */
export function formatOfAccept(accept: string | undefined, input: ClaimFileFormat): ClaimFileFormat {
  const types = (accept ?? '').split(',').map((type) => type.split(';')[0].trim().toLowerCase());
  if (types.includes(CONTENT_TYPES.csv)) return 'csv';
  if (types.includes(CONTENT_TYPES.ndjson)) return 'ndjson';
  return input;
}

/**
 * Reads the lines of one claims file, one text line at a time: the CSV header first, then each
 * line checked as auditClaims' input coercion would (ids of at most 64 characters, a calendar
 * date, a boolean, a number), without GraphQL. Valid dates are remembered: a month has thirty.
 */
export class ClaimLineReader {
  private lineNumber = 0;
  private headerRead: boolean;
  private readonly validDates = new Set<string>();

  constructor(private readonly format: ClaimFileFormat) {
    this.headerRead = format !== 'csv';
  }

  /** The claim of one text line (its `\n` removed), or undefined for a blank line or the header. */
  read(text: string): FileClaim | undefined {
    this.assertLength(text);
    const n = ++this.lineNumber;
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (line === '') return undefined;
    if (!this.headerRead) {
      if (line.replace(/^\uFEFF/, '') !== CLAIM_CSV_HEADER) throw lineRefusal(n, `a CSV claims file starts with the header ${CLAIM_CSV_HEADER}`);
      this.headerRead = true;
      return undefined;
    }
    return this.format === 'csv' ? this.csv(line, n) : this.ndjson(line, n);
  }

  /** Refuses the next line, whole or still coming, once it is longer than MAX_LINE_CHARS. */
  assertLength(text: string): void {
    if (text.length > MAX_LINE_CHARS) throw lineRefusal(this.lineNumber + 1, `a line is at most ${MAX_LINE_CHARS} characters`);
  }

  /** Lines read so far, blank lines and the header included. */
  get linesRead(): number {
    return this.lineNumber;
  }

  /** An empty file is a mistake too: a CSV file without its header. */
  finish(): void {
    if (!this.headerRead) throw lineRefusal(1, `a CSV claims file starts with the header ${CLAIM_CSV_HEADER}`);
  }

  /** Found by its commas rather than split: the site (person,institution,date) is one slice of the line, its key as it comes. */
  private csv(line: string, n: number): FileClaim {
    if (line.includes('"')) throw lineRefusal(n, 'quoted CSV fields are not accepted: a line id with a comma or a quote is sent as NDJSON');
    const c1 = line.indexOf(',');
    const c2 = line.indexOf(',', c1 + 1);
    const c3 = line.indexOf(',', c2 + 1);
    const c4 = line.indexOf(',', c3 + 1);
    const c5 = line.indexOf(',', c4 + 1);
    if (c1 < 0 || c2 < 0 || c3 < 0 || c4 < 0 || c5 < 0 || line.indexOf(',', c5 + 1) >= 0)
      throw lineRefusal(n, `${line.split(',').length} fields; a line has 6: ${CLAIM_CSV_HEADER}`);
    const emergency = line.slice(c4 + 1, c5);
    const amount = line.slice(c5 + 1);
    if (emergency !== '' && emergency !== 'true' && emergency !== 'false') throw lineRefusal(n, 'emergency is true, false or empty', 'emergency');
    if (!NUMBER.test(amount)) throw lineRefusal(n, `amount ${JSON.stringify(amount)} is not a number`, 'amount');
    const claim = {
      lineId: line.slice(0, c1),
      personCode: line.slice(c1 + 1, c2),
      institutionCode: line.slice(c2 + 1, c3),
      serviceDate: line.slice(c3 + 1, c4),
      emergency: emergency === 'true',
      amount: Number(amount),
      site: line.slice(c1 + 1, c4),
    };
    return this.checked(claim, n);
  }

  private ndjson(line: string, n: number): FileClaim {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw lineRefusal(n, 'not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw lineRefusal(n, 'a line is one JSON object');
    const claim = value as Record<string, unknown>;
    for (const key in claim) if (!FIELDS.has(key)) throw lineRefusal(n, `unknown field ${key}`, key);
    const { emergency, amount } = claim;
    if (emergency !== undefined && emergency !== null && typeof emergency !== 'boolean') throw lineRefusal(n, 'emergency is a boolean', 'emergency');
    if (typeof amount !== 'number') throw lineRefusal(n, 'amount is a number', 'amount');
    const { lineId, personCode, institutionCode, serviceDate } = claim;
    const [person, institution] = [id(personCode), id(institutionCode)];
    // JSON strings may hold commas: the person's length keeps the key unambiguous (the date has ten characters).
    const site = `${String(person).length}:${person},${institution},${serviceDate}`;
    return this.checked({ lineId: id(lineId), personCode: person, institutionCode: institution, serviceDate, emergency: emergency === true, amount, site }, n);
  }

  private checked(claim: Unchecked, n: number): FileClaim {
    for (const field of ['lineId', 'personCode', 'institutionCode'] as const) {
      const value = claim[field];
      if (typeof value !== 'string' || value === '') throw lineRefusal(n, `${field} is missing`, field);
      if (value.length > ID_MAX_LENGTH) throw lineRefusal(n, `${field} has ${value.length} characters; at most ${ID_MAX_LENGTH}`, field);
    }
    if (!isClaimAmount(claim.amount)) throw lineRefusal(n, `amount ${claim.amount} is beyond ${MAX_CLAIM_AMOUNT} either way`, 'amount');
    const { serviceDate } = claim;
    if (!this.validDates.has(serviceDate as string)) {
      if (typeof serviceDate !== 'string' || !isIsoDate(serviceDate))
        throw lineRefusal(n, `serviceDate must be a calendar date YYYY-MM-DD, got ${JSON.stringify(serviceDate ?? null)}`, 'serviceDate');
      // Bounded whatever the file: a month's thirty dates stay, a file of every date clears it now and then.
      if (this.validDates.size >= 10_000) this.validDates.clear();
      this.validDates.add(serviceDate);
    }
    return claim as FileClaim;
  }
}

/** A line of a file, with its site's key: `person,institution,date` in CSV (where no field holds a comma), unambiguous in NDJSON too. */
export interface FileClaim extends ClaimLine {
  site: string;
}

type Unchecked = Record<'lineId' | 'personCode' | 'institutionCode' | 'serviceDate', unknown> & Pick<FileClaim, 'emergency' | 'amount' | 'site'>;

/** GraphQL's ID takes a string or an integer. */
const id = (value: unknown): unknown => (Number.isInteger(value) ? String(value) : value);

const CSV_SPECIAL = /[",\r\n]|^#/;
const csvField = (value: string) => (CSV_SPECIAL.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export interface Rejection {
  lineId: string;
  reason: string;
  status: string;
}

export interface AuditSummary {
  checked: number;
  rejectedCount: number;
  rejectedAmount: number;
}

/** How the answer is written: its first line (CSV: the header), one line per rejected claim, the summary last. */
export const ANSWER_WRITERS: Record<ClaimFileFormat, { head: string; rejection: (r: Rejection) => string; summary: (s: AuditSummary) => string }> = {
  ndjson: {
    head: '',
    rejection: (r) => `${JSON.stringify({ lineId: r.lineId, reason: r.reason, status: r.status })}\n`,
    summary: (s) => `${JSON.stringify({ summary: s })}\n`,
  },
  csv: {
    head: 'lineId,reason,status\n',
    rejection: (r) => `${csvField(r.lineId)},${csvField(r.reason)},${r.status}\n`,
    // A comment line, which CSV readers skip when asked to (comment: '#'); no line id starts with an unquoted '#'.
    summary: (s) => `# summary: checked=${s.checked}, rejectedCount=${s.rejectedCount}, rejectedAmount=${s.rejectedAmount}\n`,
  },
};
