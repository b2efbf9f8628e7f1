import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startGateway, RunningGateway } from '@pq/gateway';
import { createLogger, SubgraphName } from '@pq/http';
import { MULTI_SITE_DOCTOR } from '../scripts/src/demo';
import { buildManifest, loadOperations, MANIFEST_PATH, operationHash } from '../scripts/src/operations';
import { startSeededStack, Stack, TEST_JWT_SECRET } from './harness';

let stack: Stack;
let strict: RunningGateway;
const operations = loadOperations();

beforeAll(async () => {
  stack = await startSeededStack('2026-03-16');
  strict = await startGateway({
    port: 0,
    supergraphSdl: readFileSync(path.resolve(__dirname, '../schema/supergraph.graphql'), 'utf8'),
    subgraphUrls: Object.fromEntries(Object.values(stack.services).map((s) => [s.name, s.url])) as Record<SubgraphName, string>,
    jwtSecret: TEST_JWT_SECRET,
    manifest: buildManifest(),
    persistedOnly: true,
    logger: createLogger('strict-gateway', 'error'),
  });
});
afterAll(async () => {
  await strict?.stop();
  await stack?.stop();
});

const post = async (url: string, body: object) =>
  (
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.token({})}` },
      body: JSON.stringify(body),
    })
  ).json() as Promise<any>;
const byHash = (name: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(operations[name]) } } });

test('every example operation is valid against the committed supergraph, and the manifest matches the folder', async () => {
  for (const [name, document] of Object.entries(operations)) {
    const response = await post(stack.url, { query: document, operationName: name });
    expect([name, (response.errors ?? []).filter((e: any) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')]).toEqual([name, []]);
  }
  expect(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'))).toEqual(buildManifest());
});

test('automatic persisted queries: committed operations run by hash alone; others register on first use', async () => {
  const dashboard = await post(stack.url, { ...byHash('Dashboard'), variables: { code: MULTI_SITE_DOCTOR } });
  expect(dashboard.data.person.name).toBe('张伟');
  const adHoc = '{ person(code: "D370802000123") { name } }';
  const unknown = await post(stack.url, { extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(adHoc) } } });
  expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  expect((await post(stack.url, { query: adHoc, extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(adHoc) } } })).data.person.name).toBe(
    '张伟',
  );
  expect((await post(stack.url, { extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(adHoc) } } })).data.person.name).toBe('张伟');
});

test('PERSISTED_ONLY: only the committed operations run, by hash or by text', async () => {
  expect((await post(strict.url, { ...byHash('Dashboard'), variables: { code: MULTI_SITE_DOCTOR } })).data.person.points).toBe(3);
  expect((await post(strict.url, { query: operations.Dashboard, variables: { code: MULTI_SITE_DOCTOR } })).data.person.points).toBe(3);
  const refused = await post(strict.url, { query: '{ institutions(first: 1) { totalCount } }' });
  expect(refused.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_IN_SAFELIST');
});

test('PERSISTED_ONLY: the FHIR view’s own operations run too', async () => {
  const response = await fetch(strict.url.replace(/\/graphql$/, `/fhir/Practitioner/${MULTI_SITE_DOCTOR}`), {
    headers: { authorization: `Bearer ${await stack.token({ role: 'HEALTH_PARTNER', region: '3708' })}` },
  });
  expect(response.status).toBe(200);
  expect((await response.json()).name).toEqual([{ text: '张伟' }]);
});
