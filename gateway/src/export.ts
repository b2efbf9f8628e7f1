import { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Dispatcher } from 'undici';
import type { Route, SubgraphName } from '@pq/http';
import { ANSWER_HEADERS, clientWentAway, pick, REQUEST_HEADERS, requestSubgraph } from './streams';

/**
 * Scoring's year totals (`code,points` CSV in code order), read as far as the persons asked for:
 * `pointsOf` answers from what is read, or `undefined` when more must be read first (`read`).
 */
class PointsInCodeOrder {
  private codes: string[] = [];
  private points: string[] = [];
  private next = 0;
  private rest = '';
  private header = true;
  private done = false;

  constructor(private readonly chunks: AsyncIterator<Buffer>) {}

  pointsOf(code: string): string | undefined {
    while (this.next < this.codes.length && this.codes[this.next] < code) this.next++;
    if (this.next < this.codes.length) return this.codes[this.next] === code ? this.points[this.next] : '0';
    return this.done ? '0' : undefined;
  }

  async drain(): Promise<void> {
    while (!this.done) await this.read();
  }

  async read(): Promise<void> {
    const chunk = await this.chunks.next();
    const lines = (this.rest + (chunk.done ? '' : chunk.value.toString('utf8'))).split('\n');
    this.rest = chunk.done ? '' : lines.pop()!;
    if (this.header && lines.length) {
      lines.shift();
      this.header = false;
    }
    this.codes = [];
    this.points = [];
    this.next = 0;
    for (const line of lines) {
      if (!line) continue;
      const comma = line.indexOf(',');
      this.codes.push(line.slice(0, comma));
      this.points.push(line.slice(comma + 1));
    }
    this.done = chunk.done === true;
  }
}

const NDJSON_CODE = '{"code":"';

/**
 * Registry's persons (NDJSON or CSV, code first, in code order) with each person's points added as
 * the last field, a chunk at a time: both streams are read in step, neither held. Person codes are
 * capital letters and digits, which every collation orders as bytes; a code out of order fails
 * the export rather than join wrongly.
 */
async function* withPoints(persons: AsyncIterable<Buffer>, points: PointsInCodeOrder, csv: boolean): AsyncGenerator<string> {
  let rest = '';
  let header = csv;
  let previous = '';
  for await (const chunk of persons) {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop()!;
    const out: string[] = [];
    let record = '';
    for (const line of lines) {
      // A CSV field may hold a line break inside quotes: a record ends where its quotes are balanced.
      record = record ? `${record}\n${line}` : line;
      if (csv && (record.split('"').length - 1) % 2 === 1) continue;
      if (header) {
        out.push(`${record},points`);
        header = false;
        record = '';
        continue;
      }
      const code = csv ? record.slice(0, record.indexOf(',')) : record.startsWith(NDJSON_CODE) ? record.slice(9, record.indexOf('"', 9)) : '';
      if (!code || code <= previous) throw new Error(`persons export: code ${code || '(none)'} after ${previous}`);
      previous = code;
      let value = points.pointsOf(code);
      while (value === undefined) {
        await points.read();
        value = points.pointsOf(code);
      }
      out.push(csv ? `${record},${value}` : `${record.slice(0, -1)},"points":${value}}`);
      record = '';
    }
    rest = record ? `${record}\n${rest}` : rest;
    if (out.length) yield `${out.join('\n')}\n`;
  }
  // Points of persons outside registry's answer are read to the end: scoring's export then completes.
  await points.drain();
}

/** Drops an answer not read: its abort is expected, not an unhandled error. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined).destroy();
}

/** Answers with a subgraph's refusal as it gave it. */
async function relay(answer: Dispatcher.ResponseData, res: ServerResponse): Promise<void> {
  res.writeHead(answer.statusCode, pick(answer.headers, ANSWER_HEADERS));
  await pipeline(answer.body, res);
}

/**
 * `GET /export/persons`: registry's persons with their status, joined with scoring's points of
 * the year. Registry answers first (its parameters, roles and scope checked there); scoring's
 * points are asked for with the same token, region and year.
 */
export function personsExport(subgraphUrls: Record<SubgraphName, string>, agent: Dispatcher): Route {
  return {
    method: 'GET',
    path: '/export/persons',
    async handle(req: IncomingMessage, res: ServerResponse) {
      const headers = pick(req.headers, REQUEST_HEADERS);
      const persons = await requestSubgraph(agent, 'registry', req, res, {
        origin: new URL(subgraphUrls.registry).origin,
        path: req.url ?? '/export/persons',
        method: 'GET',
        headers,
      });
      if (!persons) return;
      if (persons.statusCode !== 200) return relay(persons, res);
      const asked = new URL(req.url ?? '/', 'http://gateway').searchParams;
      const query = new URLSearchParams({ format: 'csv' });
      for (const name of ['region', 'year']) if (asked.has(name)) query.set(name, asked.get(name)!);
      const points = await requestSubgraph(agent, 'scoring', req, res, {
        origin: new URL(subgraphUrls.scoring).origin,
        path: `/export/points?${query}`,
        method: 'GET',
        headers: pick(req.headers, ['authorization', 'x-request-id']),
      });
      if (!points) {
        discard(persons.body);
        return;
      }
      if (points.statusCode !== 200) {
        discard(persons.body);
        return relay(points, res);
      }
      const csv = String(persons.headers['content-type']).startsWith('text/csv');
      res.writeHead(200, pick(persons.headers, ANSWER_HEADERS));
      try {
        await pipeline(
          persons.body,
          (source: AsyncIterable<Buffer>) => withPoints(source, new PointsInCodeOrder(points.body[Symbol.asyncIterator]()), csv),
          res,
        );
      } catch (error) {
        if (!clientWentAway(res, error)) throw error;
      } finally {
        points.body.destroy();
      }
    },
  };
}
