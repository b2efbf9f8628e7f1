import { Stack, startStack } from './harness';

/**
 * Issue #19, "gateway readiness cascades": one subgraph down is reported by the gateway's /ready
 * and /metrics, while the gateway stays in the balancer and serves what the others own.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

test('with registry down the gateway stays ready, reports the subgraph degraded in /ready and /metrics, and serves the other subgraphs', async () => {
  const ready = async () => {
    const response = await fetch(new URL('/ready', stack.url));
    return { status: response.status, body: await response.json() };
  };
  expect(await ready()).toMatchObject({ status: 200, body: { status: 'ok', subgraphs: { registry: 'ok', scoring: 'ok', agreements: 'ok', appeals: 'ok' } } });

  await stack.services.registry.stop();
  expect(await ready()).toMatchObject({
    status: 200,
    body: { status: 'degraded', subgraphs: { registry: 'down', scoring: 'ok', agreements: 'ok', appeals: 'ok' } },
  });
  const metrics = await (await fetch(new URL('/metrics', stack.url))).text();
  expect(metrics).toMatch(/pq_subgraph_ready\{[^}]*subgraph="registry"[^}]*\} 0/);
  expect(metrics).toMatch(/pq_subgraph_ready\{[^}]*subgraph="agreements"[^}]*\} 1/);
  const imported = await stack.query(
    `mutation { importInstitutions(input: { institutions: [{ code: "H37080208001", name: "济宁市第十一人民医院", kind: MEDICAL, regionCode: "370802", agreementValidFrom: "2026-01-01", agreementValidUntil: "2026-12-31" }] }) { institutions { code name } } }`,
  );
  expect(imported.errors).toBeUndefined();
});
