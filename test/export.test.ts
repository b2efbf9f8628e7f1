import { get, IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Caller } from '@pq/caller';
import { startGateway } from '@pq/gateway';
import { createLogger } from '@pq/http';
import { DEMO_PEOPLE, MULTI_SITE_DOCTOR } from '../scripts/src/demo';
import { startSeededStack, Stack, TEST_JWT_SECRET } from './harness';

// Issue #20, bulk export: whole sets for a region and a period as streamed NDJSON or CSV, through
// the gateway, scoped and masked as GraphQL reads are, audited, memory flat however large.

let stack: Stack;
const WEIHAI = 'HJ371002000555';

interface Answer {
  status: number;
  contentType: string;
  text: string;
  json(): any;
}

async function exportOf(path: string, as: Partial<Caller> | null = {}, accept?: string): Promise<Answer> {
  const token = as === null ? undefined : await stack.token(as);
  const response = await fetch(new URL(path, stack.url), {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(accept ? { accept } : {}) },
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
}

const ndjson = (answer: Answer) => {
  expect(answer.status).toBe(200);
  expect(answer.contentType).toMatch(/^application\/x-ndjson/);
  return answer.text
    ? answer.text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line))
    : [];
};
const csv = (answer: Answer): Record<string, string>[] => {
  expect(answer.status).toBe(200);
  expect(answer.contentType).toMatch(/^text\/csv/);
  return parse(answer.text, { columns: true });
};
const refusal = (answer: Answer) => ({ status: answer.status, ...answer.json().errors[0].extensions });

const LOG = `query($filter: AuditLogFilter) { registryAuditLog(first: 50, filter: $filter) { edges { node { caller operation target } } } }`;

beforeAll(async () => {
  stack = await startSeededStack();
});
afterAll(() => stack?.stop());

describe('GET /export/persons', () => {
  const GRAPHQL = `query($code: ID!) { person(code: $code) { code name status idNumberMasked points } }`;

  test('persons of a region with their status and points, as GraphQL gives them (NDJSON by default)', async () => {
    const rows = ndjson(await exportOf('/export/persons?region=37'));
    expect(rows.map((row) => row.code)).toEqual(
      Object.values(DEMO_PEOPLE)
        .map((p) => p.code)
        .sort(),
    );
    for (const row of rows) {
      const { data } = await stack.query(GRAPHQL, { code: row.code });
      expect(row).toMatchObject({ ...data.person, points: data.person.points });
      expect(row.idNumber).toBe(Object.values(DEMO_PEOPLE).find((p) => p.code === row.code)!.idNumber);
    }
    expect(rows.find((row) => row.code === 'D370802000789')).toMatchObject({ status: 'SUSPENDED' });
    expect(rows.find((row) => row.code === MULTI_SITE_DOCTOR).points).toBeGreaterThan(0);
  });

  test('the same set as CSV, by Accept or by ?format=', async () => {
    const json = ndjson(await exportOf('/export/persons?region=37'));
    for (const answer of [await exportOf('/export/persons?region=37', {}, 'text/csv'), await exportOf('/export/persons?region=37&format=csv')]) {
      const rows = csv(answer);
      expect(Object.keys(rows[0])).toEqual([...Object.keys(json[0]).filter((key) => key !== 'points'), 'points']);
      expect(rows.map((row) => [row.code, row.status, Number(row.points), row.idNumberMasked])).toEqual(
        json.map((row) => [row.code, row.status, row.points, row.idNumberMasked]),
      );
    }
  });

  test("a city's agency gets the persons of its region and those working in it; another region is refused, not empty", async () => {
    const weihai = { role: 'CITY_AGENCY' as const, region: '371002' };
    expect(ndjson(await exportOf('/export/persons', weihai)).map((row) => row.code)).toEqual([MULTI_SITE_DOCTOR, WEIHAI]);
    const other = await exportOf('/export/persons?region=370802', weihai);
    expect(refusal(other)).toEqual({ status: 403, code: 'FORBIDDEN', field: 'region' });
    expect(refusal(await exportOf('/export/persons?region=37', weihai))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  test('partners get ID numbers masked (the GraphQL rule) and no birth date (the masked middle), an institution its own staff in full', async () => {
    const partner = ndjson(await exportOf('/export/persons', { role: 'HEALTH_PARTNER', region: '37' }));
    expect(partner).toHaveLength(5);
    for (const row of partner) {
      expect(row.idNumber).toBeNull();
      expect(row.birthDate).toBeNull();
      expect(row.idNumberMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
    const institution = ndjson(await exportOf('/export/persons', { role: 'INSTITUTION', institution: 'H37080200131', region: '370802' }));
    expect(institution.map((row) => [row.code, row.idNumber, row.birthDate])).toEqual([
      ['D370802000789', DEMO_PEOPLE.suspendedDoctor.idNumber, DEMO_PEOPLE.suspendedDoctor.idNumber.replace(/^\d{6}(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3')],
    ]);
  });

  test('a person may not export; no token is 401', async () => {
    expect(refusal(await exportOf('/export/persons', { role: 'PERSON', person: MULTI_SITE_DOCTOR, region: '370802' }))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(refusal(await exportOf('/export/persons', null))).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  test('one audit entry per export, with its set, region, year and row count, scoped like the data', async () => {
    expect(ndjson(await exportOf('/export/persons?region=3708&year=2026', { role: 'PROVINCIAL_AGENCY', region: '37', sub: 'analyst-37' }))).toHaveLength(4);
    const entries = async (region: string) =>
      (await stack.query(LOG, { filter: { caller: 'analyst-37' } }, { role: 'ADMINISTRATION', region })).data.registryAuditLog.edges.map((e: any) => e.node);
    expect(await entries('37')).toEqual([{ caller: 'analyst-37', operation: 'export persons', target: 'persons region 3708 year 2026 ndjson 4 rows' }]);
    expect(await entries('11')).toEqual([]);
  });
});

describe('bad parameters: 400 with a JSON error naming the parameter, before any data', () => {
  test.each([
    ['/export/persons?since=2026-01-01', 'since'],
    ['/export/registrations?year=2026', 'year'],
    ['/export/score-records?since=2026-02-30', 'since'],
    ['/export/score-records?since=2026-03-01&until=2026-02-01', 'since'],
    ['/export/sanctions?region=37x', 'region'],
    ['/export/sanctions?region=370', 'region'],
    ['/export/appeals?format=xml', 'format'],
    ['/export/persons?year=26', 'year'],
    ['/export/registrations?limit=10', 'limit'],
    ['/export/registrations?region=37&region=11', 'region'],
  ])('%s', async (path, field) => {
    const answer = await exportOf(path);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(refusal(answer)).toEqual({ status: 400, code: 'BAD_USER_INPUT', field });
  });
});

describe('the other sets', () => {
  test('registrations in force in the period, NDJSON and CSV alike', async () => {
    const rows = ndjson(await exportOf('/export/registrations?region=37&since=2026-01-01&until=2026-12-31'));
    expect(rows).toHaveLength(7);
    expect(rows.filter((row) => row.personCode === MULTI_SITE_DOCTOR).map((row) => row.institutionCode)).toEqual(
      expect.arrayContaining(['H37080200090', 'H37100200015']),
    );
    expect(csv(await exportOf('/export/registrations?region=37&since=2026-01-01&until=2026-12-31&format=csv')).map((row) => row.id)).toEqual(
      rows.map((row) => row.id),
    );
    // Registered 120 days before today: none was in force in 2025.
    expect(ndjson(await exportOf('/export/registrations?until=2025-06-30'))).toEqual([]);
  });

  test('score records decided in the period, by the region where the behaviour happened', async () => {
    const all = ndjson(await exportOf('/export/score-records?region=37'));
    expect(all.map((row) => row.personCode).sort()).toEqual([MULTI_SITE_DOCTOR, 'D370802000789', WEIHAI].sort());
    const { data } = await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { scoreRecords { id points decidedOn } } }`);
    expect(all.find((row) => row.personCode === MULTI_SITE_DOCTOR)).toMatchObject(data.person.scoreRecords[0]);
    // The suspension's decision came five days before the others.
    expect(ndjson(await exportOf('/export/score-records?since=2026-03-10')).map((row) => row.personCode)).not.toContain('D370802000789');
    const weihai = csv(await exportOf('/export/score-records?format=csv', { role: 'CITY_AGENCY', region: '371002' }));
    expect(weihai.map((row) => [row.personCode, row.institutionCode])).toEqual([[WEIHAI, 'H37100200015']]);
    expect(refusal(await exportOf('/export/score-records', { role: 'INSTITUTION', institution: 'H37080200131', region: '370802' }))).toMatchObject({
      status: 403,
    });
  });

  test('sanctions (every outcome of a scoring) with their state; a partner of another province is refused', async () => {
    const rows = ndjson(await exportOf('/export/sanctions?region=37', { role: 'DRUG_PARTNER', region: '37' }));
    expect(rows.map((row) => [row.personCode, row.kind, row.state]).sort()).toEqual([
      [MULTI_SITE_DOCTOR, 'NOTIFICATION', 'RECORDED'],
      ['D370802000789', 'SUSPENSION', 'IN_FORCE'],
      [WEIHAI, 'NOTIFICATION', 'RECORDED'],
    ]);
    expect(ndjson(await exportOf('/export/sanctions', { role: 'CITY_AGENCY', region: '371002' })).map((row) => row.personCode)).toEqual(
      expect.arrayContaining([MULTI_SITE_DOCTOR, WEIHAI]),
    );
    expect(csv(await exportOf('/export/sanctions?format=csv')).map((row) => row.id)).toEqual(rows.map((row) => row.id));
    expect(refusal(await exportOf('/export/sanctions?region=37', { role: 'DRUG_PARTNER', region: '44' }))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  test('appeals filed in the period, without the statement; partners may not read them', async () => {
    const rows = ndjson(await exportOf('/export/appeals?region=370802&since=2026-03-16'));
    expect(rows).toEqual([expect.objectContaining({ personCode: MULTI_SITE_DOCTOR, institutionCode: 'H37080200090', status: 'FILED', filedOn: '2026-03-16' })]);
    expect(rows[0]).not.toHaveProperty('statement');
    expect(csv(await exportOf('/export/appeals', {}, 'text/csv'))).toHaveLength(1);
    expect(ndjson(await exportOf('/export/appeals?until=2026-03-15'))).toEqual([]);
    expect(refusal(await exportOf('/export/appeals', { role: 'HEALTH_PARTNER', region: '37' }))).toMatchObject({ status: 403 });
  });

  test('points of the year by person', async () => {
    const rows = ndjson(await exportOf('/export/points?region=37&year=2026'));
    expect(rows.map((row) => row.code)).toEqual([MULTI_SITE_DOCTOR, 'D370802000789', WEIHAI].sort());
    expect(ndjson(await exportOf('/export/points?year=2025'))).toEqual([]);
  });
});

test('a subgraph that cannot be reached is 503 SERVICE_UNAVAILABLE, retryable, as on /graphql: the passed-through sets and both halves of the persons join', async () => {
  const subgraphUrls = Object.fromEntries(Object.entries(stack.services).map(([name, s]) => [name, s.url])) as Record<keyof Stack['services'], string>;
  const supergraphSdl = readFileSync(path.resolve(__dirname, '../schema/supergraph.graphql'), 'utf8');
  const token = await stack.token({});
  for (const down of ['registry', 'scoring'] as const) {
    const gateway = await startGateway({
      port: 0,
      supergraphSdl,
      subgraphUrls: { ...subgraphUrls, [down]: 'http://127.0.0.1:9/graphql' },
      jwtSecret: TEST_JWT_SECRET,
      logger: createLogger('test', 'fatal'),
    });
    try {
      const paths = down === 'registry' ? ['/export/persons', '/export/registrations'] : ['/export/persons', '/export/points', '/export/sanctions'];
      for (const route of paths) {
        const response = await fetch(new URL(route, gateway.url), { headers: { authorization: `Bearer ${token}` } });
        const text = await response.text();
        expect([down, route, response.status]).toEqual([down, route, 503]);
        expect(JSON.parse(text).errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true, serviceName: down });
        expect(text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      }
    } finally {
      await gateway.stop();
    }
  }
});

test("a CSV field with a comma, a quote and a line break keeps its record whole through the gateway's join", async () => {
  const name = '欧阳, "小明"\n二号';
  await stack.services.registry.orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into registry.person (code, name, id_number, birth_date, category, region_code, status) values
         ('D980101000001', ?, '980101198001010011', date '1980-01-01', 'DOCTOR', '980101', 'NORMAL'),
         ('D980101000002', 'next', '980101198001010022', date '1980-01-01', 'NURSE', '980101', 'NORMAL')`,
      [name],
    );
  await stack.services.scoring.orm.em
    .fork()
    .getConnection()
    .execute(`insert into scoring.person_year (person_code, year, points) values ('D980101000001', 2026, 7), ('D980101000002', 2026, 2)`);
  const expected = [
    { code: 'D980101000001', name, points: 7 },
    { code: 'D980101000002', name: 'next', points: 2 },
  ];
  expect(ndjson(await exportOf('/export/persons?region=98'))).toEqual(expected.map((row) => expect.objectContaining(row)));
  const rows = csv(await exportOf('/export/persons?region=98&format=csv'));
  expect(rows.map((row) => ({ code: row.code, name: row.name, points: Number(row.points) }))).toEqual(expected);
});

describe('a large export streams', () => {
  const PERSONS = 200_000;

  const registry = () => stack.services.registry.orm.em.fork().getConnection();
  const openExport = async (sub: string) => {
    const token = await stack.token({ sub });
    return new Promise<IncomingMessage>((resolve, reject) =>
      get(new URL('/export/persons?region=99', stack.url), { headers: { authorization: `Bearer ${token}` } }, resolve).on('error', reject),
    );
  };
  const auditTargets = async (sub: string): Promise<string[]> =>
    (await stack.query(LOG, { filter: { caller: sub } })).data.registryAuditLog.edges.map((e: any) => e.node.target);

  beforeAll(async () => {
    await registry().execute(
      `insert into registry.person (code, name, id_number, birth_date, category, region_code, status)
       select 'D99' || lpad(i::text, 10, '0'), '测试人员' || i, '990101' || lpad(i::text, 12, '0'), date '1980-01-01', 'DOCTOR', '990101', 'NORMAL'
         from generate_series(1, ${PERSONS}) as i`,
    );
  });

  test(`${PERSONS} persons: PostgreSQL waits on the reader while it holds, memory stays flat, every row arrives and is audited`, async () => {
    // What the process holds, garbage collected first (the flag set at run time gives `gc` to a new context).
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const memory = () => {
      gc();
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.external;
    };
    // The same export once first: the code the JIT compiles and the buffers pools keep are not what an export holds.
    for await (const _chunk of await openExport('warm-up'));
    const before = memory();
    const response = await openExport('bulk-reader');
    expect(response.statusCode).toBe(200);
    // The reader takes its first chunk and holds: backpressure reaches PostgreSQL, which waits to write.
    const first: Buffer = await new Promise((resolve) =>
      response.once('data', (chunk: Buffer) => {
        response.pause();
        resolve(chunk);
      }),
    );
    expect(JSON.parse(first.toString('utf8').split('\n')[0])).toMatchObject({ code: 'D990000000001', points: 0 });
    let waiting: string | undefined;
    for (let attempt = 0; attempt < 200 && waiting !== 'ClientWrite'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const [row] = await registry().execute(
        `select wait_event from pg_stat_activity where datname = current_database() and query like 'copy (select row_to_json%' and state = 'active'`,
      );
      waiting = row?.wait_event;
    }
    expect(waiting).toBe('ClientWrite');
    const held = memory() - before;
    let bytes = first.length;
    let lines = first.toString('utf8').split('\n').length - 1;
    response.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
    });
    response.resume();
    await new Promise((resolve) => response.once('end', resolve));
    expect(lines).toBe(PERSONS);
    // While held, the process holds a part of the export, not the export (a few MB either way: the collector leaves some noise).
    expect(held).toBeLessThan(bytes / 4);
    expect(await auditTargets('bulk-reader')).toEqual([`persons region 99 year 2026 ndjson ${PERSONS} rows`]);
  });

  test('a client that goes away ends the export: audited as interrupted, its connection discarded, the services serve on', async () => {
    const response = await openExport('gone-away');
    await new Promise((resolve) => response.once('data', resolve));
    response.destroy();
    let targets: string[] = [];
    for (let attempt = 0; attempt < 100 && targets.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      targets = await auditTargets('gone-away');
    }
    expect(targets).toEqual(['persons region 99 year 2026 ndjson interrupted']);
    for (let i = 0; i < 10; i++) expect(ndjson(await exportOf('/export/persons?region=37'))).toHaveLength(5);
    expect((await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { status } }`)).data.person.status).toBe('NORMAL');
  });
});
