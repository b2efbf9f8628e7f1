import http from 'node:http';
import { DASHBOARD_QUERY, MULTI_SITE_DOCTOR } from '../scripts/src/demo';
import { newDoctor, registerAt, score } from './fixtures';
import { startSeededStack, startStack, Stack } from './harness';

describe('one database per subgraph (configuration only)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ today: '2026-03-16', databasePerSubgraph: true });
    const { seedDemo } = await import('../scripts/src/demo');
    const { graphqlClient } = await import('../scripts/src/client');
    await seedDemo(
      graphqlClient(stack.url),
      { agency: await stack.token({}), doctor: await stack.token({ role: 'PERSON', person: MULTI_SITE_DOCTOR, region: '370802' }) },
      '2026-03-16',
    );
    await stack.eventsDelivered();
  });
  afterAll(() => stack?.stop());

  test('each subgraph sits in its own database', async () => {
    const databases = await Promise.all(
      Object.values(stack.services).map(async (s) => (await s.orm.em.fork().getConnection().execute('select current_database() as db'))[0].db),
    );
    expect(new Set(databases).size).toBe(4);
  });

  // The embedded database's URL names its socket directory (`?host=`); a DATABASE_URL over TCP has none.
  const socketDirectory = new URL(process.env.PQ_TEST_DATABASE_URL!).searchParams.get('host');
  (socketDirectory ? test : test.skip)(
    'with a socket directory in the URL, pools and outbox relays reach PostgreSQL through the Unix socket, not TCP',
    async () => {
      const sessions = await Promise.all(
        Object.values(stack.services).map(async (s) =>
          s.orm.em
            .fork()
            .getConnection()
            .execute(
              `select application_name, client_addr is null as unix_socket from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`,
            ),
        ),
      );
      const all = sessions.flat() as { application_name: string; unix_socket: boolean }[];
      expect(all.some((s) => s.application_name.startsWith('pq-relay-'))).toBe(true);
      expect(all.filter((s) => !s.unix_socket)).toEqual([]);
    },
  );

  test('the dashboard and the sanction linkage still work', async () => {
    const board = await stack.query(DASHBOARD_QUERY, { code: MULTI_SITE_DOCTOR });
    expect(board.data.person).toMatchObject({
      code: MULTI_SITE_DOCTOR,
      points: 3,
      registrations: [{ status: 'NORMAL' }, { status: 'NORMAL' }],
      openAppeals: [{ status: 'FILED' }],
    });
    const doctor = newDoctor('分库医师');
    await registerAt(stack, doctor, ['H37100200015', 'H37080200090']);
    await score(stack, '威医保罚〔2026〕分1号', '2026-03-10', [
      { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N3-01', responsibility: 'MAIN' },
    ]);
    await stack.eventsDelivered();
    const after = await stack.query(DASHBOARD_QUERY, { code: doctor.code });
    expect(after.data.person).toMatchObject({ status: 'SUSPENDED', registrations: [{ status: 'SUSPENDED' }, { status: 'SUSPENDED' }] });
  });
});

describe('life cycle', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startSeededStack('2026-03-16');
  });
  afterAll(() => stack?.stop().catch(() => undefined));

  test('/health is alive and /ready checks the database and migrations and names the provisional calendar years, for every subgraph and the gateway', async () => {
    const gatewayBase = new URL('/', stack.url).toString();
    const gateway = await fetch(new URL('/ready', gatewayBase));
    expect(gateway.status).toBe(200);
    // In 2026 the shipped schedules end with 2026: next year is provisional.
    expect(await gateway.json()).toMatchObject({ status: 'ok', calendar: { provisionalYears: [2027] } });
    for (const service of Object.values(stack.services)) {
      const ready = await fetch(new URL('/ready', service.url));
      expect(await ready.json()).toEqual({
        status: 'ready',
        service: service.name,
        calendar: { officialYears: [2023, 2024, 2025, 2026], provisionalYears: [2027] },
        events: { deadLetters: {} },
      });
    }
  });

  test('the gateway serves GraphiQL itself, from installed packages, with the dashboard preloaded', async () => {
    const base = new URL('/', stack.url);
    const page = await (await fetch(new URL('/graphiql', base))).text();
    expect(page).toContain('query Dashboard($code: ID!)');
    const scripts = [...page.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual(['/graphiql/graphiql.css', '/graphiql/react.js', '/graphiql/react-dom.js', '/graphiql/graphiql.js']);
    for (const asset of scripts) {
      const response = await fetch(new URL(asset, base));
      expect([asset, response.status]).toEqual([asset, 200]);
      expect((await response.text()).length).toBeGreaterThan(1000);
    }
  });

  test('/metrics in Prometheus format: requests by operation, subgraph fetches, errors, outbox backlog, SQL per request, pool', async () => {
    await stack.query(DASHBOARD_QUERY, { code: MULTI_SITE_DOCTOR });
    await stack.query(`{ person(code: "D370802000789") { code } }`, {}, { role: 'CITY_AGENCY', region: '3710' });
    const gateway = await (await fetch(new URL('/metrics', stack.url))).text();
    expect(gateway).toMatch(/pq_graphql_request_duration_seconds_count\{service="gateway",operation="Dashboard",outcome="ok"\} [1-9]/);
    expect(gateway).toMatch(/pq_subgraph_fetch_duration_seconds_count\{service="gateway",subgraph="appeals"\} [1-9]/);
    expect(gateway).toMatch(/pq_graphql_errors_total\{code="FORBIDDEN",service="gateway"\} [1-9]/);
    const registry = await (await fetch(new URL('/metrics', stack.services.registry.url))).text();
    for (const metric of [
      'pq_outbox_backlog',
      'pq_outbox_oldest_age_seconds',
      'pq_sql_statements_per_request_count',
      'pq_db_pool_used',
      'pq_graphql_request_duration_seconds_bucket',
    ]) {
      expect(registry).toContain(metric);
    }
  });

  test('on shutdown a subgraph finishes the request in flight before it closes, and takes no new one', async () => {
    const body = JSON.stringify({ query: `{ person(code: "${MULTI_SITE_DOCTOR}") { name } }` });
    const url = new URL(stack.services.registry.url);
    const token = await stack.token({});
    // The request is in flight: connected, headers and half the body sent.
    const request = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
    });
    const response = new Promise<string>((resolve, reject) => {
      request.on('response', (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      request.on('error', reject);
    });
    request.write(body.slice(0, 10));
    await new Promise((resolve) => request.once('socket', (socket) => socket.once('connect', resolve)));
    const stopping = stack.services.registry.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    request.end(body.slice(10));
    expect(JSON.parse(await response)).toEqual({ data: { person: { name: '张伟' } } });
    await stopping;
    expect(await fetch(new URL('/health', stack.services.registry.url)).catch(() => null)).toBeNull();
  });
});
