import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { escapeLiteral } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { assertRegionInScope, Caller, isRegionScoped, Role, seesEverything } from '@pq/caller';
import { AuditScope, countStatement } from '@pq/data';
import { DomainError } from '@pq/errors';
import { refusalStatus, sendJson } from '@pq/http';
import { isIsoDate, IsoDate, yearOf } from '@pq/time';
import type { RequestContext } from './context';
import type { StreamRoute } from './service';

/** What an export was asked for, checked: the region prefix it covers (`""` the whole country) and its period or year. */
export interface ExportRequest {
  caller: Caller;
  region: string;
  since?: IsoDate;
  until?: IsoDate;
  year?: number;
}

/**
 * A set served as a bulk export (docs/export.md): one select in a stable order, its columns
 * named as they are exported; `$n` parameters as in queryRows.
 */
export interface ExportSet {
  /** Served at `GET /export/<name>`. */
  name: string;
  roles: readonly Role[];
  /** A dated set takes `since`/`until`; a snapshot takes the `year` of its figures. */
  period: 'dates' | 'year';
  rows(request: ExportRequest): { text: string; values: unknown[] };
}

export type ExportFormat = 'ndjson' | 'csv';

/** Where a row belongs (@pq/caller, RowFacts) as SQL conditions over a bound parameter: each subgraph's repositories/scope.ts writes them once. */
export interface RowFactsSql {
  inRegion(prefix: string): string;
  ofInstitution(code: string): string;
  ofPerson(code: string): string;
}

/**
 * The rows an export covers, as `canSee` has them: those of its region (already checked to lie in
 * a region-scoped caller's own), and for an institution or a person only their own.
 */
export function exportConditions(request: ExportRequest, facts: RowFactsSql, bind: (value: unknown) => string): string[] {
  const { caller, region } = request;
  const conditions = region ? [facts.inRegion(bind(`${region}%`))] : [];
  if (seesEverything(caller) || isRegionScoped(caller)) return conditions;
  if (caller.role === 'INSTITUTION') return [...conditions, facts.ofInstitution(bind(caller.institution))];
  if (caller.role === 'PERSON') return [...conditions, facts.ofPerson(bind(caller.person))];
  return ['false'];
}

/** A dated set's period (`since`, `until`, both included) over one date column. */
export function exportPeriod(request: ExportRequest, column: string, bind: (value: unknown) => string): string[] {
  return [...(request.since ? [`${column} >= ${bind(request.since)}`] : []), ...(request.until ? [`${column} <= ${bind(request.until)}`] : [])];
}

/** An export select's `where` clause, empty when nothing restricts it. */
export const exportWhere = (conditions: string[]): string => (conditions.length ? `where ${conditions.join(' and ')}` : '');

const CONTENT_TYPES: Record<ExportFormat, string> = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' };

const badInput = (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, { field });

/** The export's parameters from the query string; every refusal names its parameter. */
function exportRequest(set: ExportSet, caller: Caller, url: URL, accept: string | undefined, today: IsoDate): ExportRequest & { format: ExportFormat } {
  const allowed = ['region', 'format', ...(set.period === 'dates' ? ['since', 'until'] : ['year'])];
  for (const name of new Set(url.searchParams.keys())) {
    if (!allowed.includes(name)) throw badInput(name, `the ${set.name} export has no parameter ${name}; it takes ${allowed.join(', ')}`);
    if (url.searchParams.getAll(name).length > 1) throw badInput(name, `${name} is given more than once`);
  }
  if (caller.role === 'PUBLIC') throw new DomainError('UNAUTHENTICATED', 'an export needs a token');
  if (!set.roles.includes(caller.role)) throw new DomainError('FORBIDDEN', `the ${set.name} export is not open to ${caller.role}`);
  const given = (name: string) => url.searchParams.get(name) ?? undefined;
  const region = given('region');
  if (region !== undefined && !/^(\d{2}){1,3}$/.test(region)) throw badInput('region', `region is a region-code prefix of 2, 4 or 6 digits, not "${region}"`);
  // A region-scoped caller exports its own region unless it names one inside it; others are limited by their row scope.
  const effectiveRegion = region ?? (isRegionScoped(caller) ? caller.region : '');
  if (isRegionScoped(caller)) {
    try {
      assertRegionInScope(caller, effectiveRegion);
    } catch (error) {
      throw error instanceof DomainError ? new DomainError(error.code, error.message, { field: 'region' }) : error;
    }
  }
  const date = (name: 'since' | 'until') => {
    const value = given(name);
    if (value !== undefined && !isIsoDate(value)) throw badInput(name, `${name} is a date YYYY-MM-DD, not "${value}"`);
    return value;
  };
  const [since, until] = [date('since'), date('until')];
  if (since && until && since > until) throw badInput('since', `since ${since} is after until ${until}`);
  const yearText = given('year');
  if (yearText !== undefined && !/^\d{4}$/.test(yearText)) throw badInput('year', `year is a natural year YYYY, not "${yearText}"`);
  const format = given('format');
  if (format !== undefined && format !== 'ndjson' && format !== 'csv') throw badInput('format', `format is ndjson or csv, not "${format}"`);
  return {
    caller,
    region: effectiveRegion,
    since,
    until,
    year: set.period === 'year' ? (yearText ? Number(yearText) : yearOf(today)) : undefined,
    // `?format=` first, else the Accept header: CSV when asked for, NDJSON otherwise.
    format: format ?? (/\btext\/csv\b/.test(accept ?? '') ? 'csv' : 'ndjson'),
  };
}

/**
 * COPY takes no bound parameters: the values (checked parameters, the caller's verified claims)
 * are written in as quoted literals.
 */
function inlined({ text, values }: { text: string; values: unknown[] }): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = values[Number(n) - 1];
    if (value === null || value === undefined) return 'null';
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return escapeLiteral(String(value));
  });
}

/**
 * PostgreSQL formats the rows itself: CSV with a header, or one JSON object per line
 * (`row_to_json`, copied as CSV with delimiter and quote characters JSON never holds raw, so each
 * line is the JSON text as is).
 */
function copyStatement(select: string, format: ExportFormat): string {
  return format === 'csv'
    ? `copy (${select}) to stdout with (format csv, header true)`
    : `copy (select row_to_json(x)::text from (${select}) x) to stdout with (format csv, delimiter e'\\x02', quote e'\\x01')`;
}

/** Where an export's audit entry belongs: the region it covers, or the caller's institution. */
function exportAuditScope(request: ExportRequest): AuditScope {
  const institution = request.caller.institution;
  if (request.caller.role === 'INSTITUTION' && institution)
    return { regionCodes: [request.region || institution.slice(1, 7)], institutionCodes: [institution] };
  return { regionCodes: request.region ? [request.region] : [], institutionCodes: [] };
}

function describe(set: ExportSet, request: ExportRequest, format: ExportFormat, rows: number | undefined): string {
  const period = set.period === 'year' ? `year ${request.year}` : `${request.since ?? '…'}..${request.until ?? '…'}`;
  return `${set.name} region ${request.region || '(national)'} ${period} ${format} ${rows === undefined ? 'interrupted' : `${rows} rows`}`;
}

/**
 * `GET /export/<name>`: the set streamed from a server-side COPY to the response with
 * backpressure, no row held; refusals (400, 403) answered as JSON before any byte of data; one
 * audit entry per export with its row count (or `interrupted`).
 */
export function exportRoute<Loaders>(set: ExportSet): StreamRoute<Loaders> {
  return {
    method: 'GET',
    path: `/export/${set.name}`,
    async handle(req: IncomingMessage, res: ServerResponse, context: RequestContext<Loaders>) {
      const url = new URL(req.url ?? '/', 'http://export');
      let request: ExportRequest & { format: ExportFormat };
      try {
        request = exportRequest(set, context.caller, url, req.headers.accept, context.clock.today());
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        sendJson(res, refusalStatus(error.code), { errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
        return;
      }
      const { format } = request;
      const knex = context.em.getConnection().getKnex();
      const connection = await knex.client.acquireConnection();
      let rows: number | undefined;
      try {
        countStatement();
        const copy = connection.query(copyTo(copyStatement(inlined(set.rows(request)), format)));
        // The first chunk (or the end) before the head: a failing statement is still answered 500 as JSON.
        const chunks = copy[Symbol.asyncIterator]();
        const first = await chunks.next();
        res.writeHead(200, {
          'content-type': CONTENT_TYPES[format],
          'content-disposition': `attachment; filename="${set.name}-${request.region || 'national'}.${format}"`,
          'cache-control': 'no-store',
        });
        await pipeline(async function* () {
          if (!first.done) yield first.value;
          for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
        }, res);
        rows = copy.rowCount;
      } catch (error) {
        // A COPY cut short leaves its connection mid-protocol: the pool discards it.
        connection.__knex__disposed = 'export interrupted';
        connection.end().catch(() => undefined);
        if (res.headersSent) return;
        throw error;
      } finally {
        context.audit.record({ operation: `export ${set.name}`, target: describe(set, request, format, rows), scope: exportAuditScope(request) });
        await knex.client.releaseConnection(connection);
      }
    },
  };
}
