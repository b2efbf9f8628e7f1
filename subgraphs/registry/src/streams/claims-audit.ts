import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AuditScope } from '@pq/data';
import { DomainError } from '@pq/errors';
import { assertRole } from '@pq/graphql';
import type { RequestContext, StreamRoute } from '@pq/subgraph';
import { claimsAuditScope, claimVerdict, Verdict } from '../domain/eligibility';
import type { Loaders } from '../loaders';
import { ClaimSite, fetchSiteFacts } from '../repositories/claim-facts';
import { institutionInScope } from '../resolvers/claims.resolver';
import { PERMISSIONS } from '../resolvers/permissions';
import { ANSWER_WRITERS, AuditSummary, ClaimLineReader, CONTENT_TYPES, FileClaim, formatOfAccept, formatOfContentType, Rejection } from './claim-file';

/** Lines checked together: one statement for the sites of a chunk not seen before. */
const CHUNK_LINES = 50_000;
/** Verdicts kept per request, two generations of at most this many: a month's file repeats its persons, institutions and days. */
const CACHED_SITES = 200_000;
/** Answer text held in memory before it goes to a temporary file. */
const ANSWER_IN_MEMORY = 1 << 20;
/** Institutions whose scope is remembered per request: a file names few, a hostile one many. */
const SCOPES_KEPT = 10_000;

const IN_ORDER = Symbol('in order');

/**
 * `POST /claims/audit`: auditClaims over a claims file of any size (docs/claims-audit.md). The
 * file is read as it comes, in chunks, a chunk's unseen sites looked up in one statement (the
 * one auditClaims sends) while the next chunk is read, and each site judged once by claimVerdict.
 * A file is answered whole or refused whole: the answer is held (in memory, then in a temporary
 * file) until the last line was read, so a mistake on line 9,000,000 still refuses with 400 and
 * the line number, nothing audited; memory stays flat whatever the size.
 */
export const claimsAuditStream: StreamRoute<Loaders> = {
  method: 'POST',
  path: '/claims/audit',
  async handle(req, res, context) {
    assertRole(context.caller, PERMISSIONS.auditClaims);
    const input = formatOfContentType(req.headers['content-type']);
    if (!input) throw new DomainError('BAD_USER_INPUT', `a claims file is sent as ${CONTENT_TYPES.csv} or ${CONTENT_TYPES.ndjson}`);
    const output = formatOfAccept(req.headers.accept, input);
    const writer = ANSWER_WRITERS[output];
    const answer = new AnswerSpool();
    try {
      const audit = new FileAudit(context, writer.rejection, (text) => answer.write(text));
      const refusal = await readFile(req, new ClaimLineReader(input), audit);
      if (refusal) {
        const status = refusal.code === 'FORBIDDEN' ? 403 : 400;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: refusal.message, code: refusal.code, ...refusal.details }));
        return;
      }
      const summary = audit.summary();
      context.audit.record({
        operation: 'auditClaims',
        target: `claims file: ${summary.checked} lines, ${summary.rejectedCount} rejected`,
        scope: audit.scope(),
      });
      res.writeHead(200, { 'content-type': `${CONTENT_TYPES[output]}; charset=utf-8` });
      await answer.sendTo(res, writer.head, writer.summary(summary));
    } finally {
      await answer.discard();
    }
  },
};

/**
 * Reads the file line by line into chunks; a full chunk waits for the previous one's statement
 * (the input is paused meanwhile), then goes to the database while the next is read. The first
 * client mistake stops the audit; the rest of the body is read and dropped, so the client gets its
 * answer rather than a broken connection.
 */
async function readFile(req: IncomingMessage, reader: ClaimLineReader, audit: FileAudit): Promise<DomainError | undefined> {
  let refusal: DomainError | undefined;
  let chunk: FileClaim[] = [];
  let previous: Promise<void> = Promise.resolve();
  const send = async () => {
    await previous;
    previous = audit.check(chunk);
    // Awaited with the next chunk or at the end; meanwhile a failure is not an unhandled rejection.
    previous.catch(() => undefined);
    chunk = [];
  };
  const take = (text: string) => {
    const claim = reader.read(text);
    if (!claim) return;
    audit.assertInScope(claim, reader.linesRead);
    chunk.push(claim);
  };
  req.setEncoding('utf8');
  let rest = '';
  for await (const piece of req as AsyncIterable<string>) {
    if (refusal) continue;
    try {
      const lines = (rest + piece).split('\n');
      rest = lines.pop()!;
      for (const text of lines) take(text);
      reader.assertLength(rest);
      if (chunk.length >= CHUNK_LINES) await send();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refusal = error;
    }
  }
  if (!refusal)
    try {
      take(rest);
      reader.finish();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refusal = error;
    }
  if (!refusal) await send();
  await previous;
  return refusal;
}

/** The audit of one file: the caller's scope per line, the verdict per site (cached), the totals. */
class FileAudit {
  private readonly verdicts = new RecentVerdicts();
  private readonly inScope = new Map<string, boolean>();
  private readonly institutions = new Set<string>();
  private lastInScope?: string;
  private checked = 0;
  private rejectedCount = 0;
  private rejectedAmount = 0;

  constructor(
    private readonly context: RequestContext<Loaders>,
    private readonly formatRejection: (rejection: Rejection) => string,
    private readonly write: (text: string) => Promise<void>,
  ) {}

  /** As auditClaims: a line of an institution outside the caller's scope refuses the file (403). */
  assertInScope(claim: FileClaim, line: number): void {
    const code = claim.institutionCode;
    // A file comes grouped by institution, often: the last one answers without a lookup.
    if (code === this.lastInScope) return;
    let allowed = this.inScope.get(code);
    if (allowed === undefined) {
      allowed = institutionInScope(this.context.caller, code);
      if (this.inScope.size >= SCOPES_KEPT) this.inScope.clear();
      this.inScope.set(code, allowed);
      this.institutions.add(code);
    }
    if (!allowed) throw new DomainError('FORBIDDEN', `line ${line}: institution ${code} is outside the caller's scope`, { line, field: 'institutionCode' });
    this.lastInScope = code;
  }

  /** Judges a chunk: the sites not yet known in one statement, each site once; writes the rejected lines. */
  async check(lines: FileClaim[]): Promise<void> {
    const known: (Verdict | typeof IN_ORDER | undefined)[] = new Array(lines.length);
    const unseen: ClaimSite[] = [];
    const unseenIndex = new Map<string, number>();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      // Emergencies are paid whatever the facts (E1); auditClaims leaves them out the same way.
      if (line.emergency) {
        known[i] = IN_ORDER;
        continue;
      }
      known[i] = this.verdicts.get(line.site);
      if (known[i] === undefined && !unseenIndex.has(line.site)) unseenIndex.set(line.site, unseen.push(line) - 1);
    }
    const facts = await fetchSiteFacts(this.context.em, unseen, true);
    const judged = unseen.map((site, j) => {
      const siteFacts = facts[j];
      return siteFacts ? claimVerdict(siteFacts, site.serviceDate, false) : IN_ORDER;
    });
    for (const [key, j] of unseenIndex) this.verdicts.set(key, judged[j]);
    let text = '';
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const verdict = known[i] ?? judged[unseenIndex.get(line.site)!];
      if (verdict === IN_ORDER || verdict.payable) continue;
      this.rejectedCount++;
      this.rejectedAmount += line.amount;
      text += this.formatRejection({ lineId: line.lineId, reason: verdict.reason, status: verdict.status });
    }
    this.checked += lines.length;
    if (text) await this.write(text);
  }

  summary(): AuditSummary {
    return { checked: this.checked, rejectedCount: this.rejectedCount, rejectedAmount: Math.round(this.rejectedAmount * 100) / 100 };
  }

  scope(): AuditScope {
    return claimsAuditScope(this.institutions);
  }
}

/**
 * The verdicts of recent sites: two generations of maps, the older dropped when the newer is full
 * and a site found there moved up. Bounded like an LRU, for a map lookup a line (lru-cache's
 * bookkeeping took a seventh of the time, profiled).
 */
class RecentVerdicts {
  private current = new Map<string, Verdict | typeof IN_ORDER>();
  private older = new Map<string, Verdict | typeof IN_ORDER>();

  get(site: string): Verdict | typeof IN_ORDER | undefined {
    const verdict = this.current.get(site);
    if (verdict !== undefined) return verdict;
    const old = this.older.get(site);
    if (old !== undefined) this.set(site, old);
    return old;
  }

  set(site: string, verdict: Verdict | typeof IN_ORDER): void {
    if (this.current.size >= CACHED_SITES) {
      this.older = this.current;
      this.current = new Map();
    }
    this.current.set(site, verdict);
  }
}

/** The answer's text, held until the file is read: in memory up to 1 MiB, then in a temporary file. */
class AnswerSpool {
  private parts: string[] = [];
  private bytes = 0;
  private file?: { dir: string; path: string; stream: WriteStream };

  async write(text: string): Promise<void> {
    if (!this.file) {
      this.parts.push(text);
      this.bytes += text.length;
      if (this.bytes < ANSWER_IN_MEMORY) return;
      // A directory of its own: no name the client chose, no clash between requests.
      const dir = await mkdtemp(path.join(os.tmpdir(), 'pq-claims-audit-'));
      const file = path.join(dir, 'answer.part');
      this.file = { dir, path: file, stream: createWriteStream(file, { flags: 'wx' }) };
      text = this.parts.join('');
      this.parts = [];
    }
    if (!this.file.stream.write(text)) await once(this.file.stream, 'drain');
  }

  async sendTo(res: ServerResponse, head: string, tail: string): Promise<void> {
    if (!this.file) {
      res.end(head + this.parts.join('') + tail);
      return;
    }
    this.file.stream.end();
    await once(this.file.stream, 'finish');
    if (head) res.write(head);
    await pipeline(createReadStream(this.file.path), res, { end: false });
    res.end(tail);
  }

  async discard(): Promise<void> {
    if (!this.file) return;
    const { dir, stream } = this.file;
    this.file = undefined;
    if (!stream.closed) stream.destroy();
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
