import { startStack, Stack } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ today: '2026-03-16' });
  const institutions = [
    { code: 'H37080200001', kind: 'MEDICAL', regionCode: '370802' },
    { code: 'H37080200002', kind: 'MEDICAL', regionCode: '370802' },
    { code: 'P37080200003', kind: 'PHARMACY', regionCode: '370802' },
    { code: 'P37080200004', kind: 'PHARMACY', regionCode: '370802' },
    { code: 'H37100200005', kind: 'MEDICAL', regionCode: '371002' },
  ].map((entry) => ({ ...entry, name: entry.code, agreementValidFrom: '2026-01-01', agreementValidUntil: '2026-12-31' }));
  const imported = await stack.query(`mutation($input: ImportInstitutionsInput!) { importInstitutions(input: $input) { institutions { code } } }`, {
    input: { institutions },
  });
  expect(imported.errors).toBeUndefined();
  const suspended = await stack.query(`mutation { suspendAgreement(input: { institutionCode: "H37080200002", reason: "违规" }) { institution { code } } }`);
  expect(suspended.errors).toBeUndefined();
});
afterAll(() => stack?.stop());

const page = async (args: string, as?: object) => {
  const result = await stack.query(`{ institutions(${args}) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }`, {}, as);
  expect(result.errors).toBeUndefined();
  const { totalCount, edges, pageInfo } = result.data.institutions;
  return { totalCount, codes: edges.map((edge: { node: { code: string } }) => edge.node.code), pageInfo };
};

test("the institution list filters by kind, region prefix and the current agreement's status, in code order", async () => {
  expect((await page('first: 10')).codes).toEqual(['H37080200001', 'H37080200002', 'H37100200005', 'P37080200003', 'P37080200004']);
  expect(await page('filter: { kind: PHARMACY }')).toMatchObject({ totalCount: 2, codes: ['P37080200003', 'P37080200004'] });
  expect(await page('filter: { regionPrefix: "3710" }')).toMatchObject({ totalCount: 1, codes: ['H37100200005'] });
  expect(await page('filter: { agreementStatus: SUSPENDED }')).toMatchObject({ totalCount: 1, codes: ['H37080200002'] });
  expect(await page('filter: { kind: MEDICAL, agreementStatus: ACTIVE, regionPrefix: "37" }')).toMatchObject({
    totalCount: 2,
    codes: ['H37080200001', 'H37100200005'],
  });
});

test('pages follow the cursor and count every institution the filter selects', async () => {
  const first = await page('first: 2, filter: { regionPrefix: "3708" }');
  expect(first).toMatchObject({ totalCount: 4, codes: ['H37080200001', 'H37080200002'], pageInfo: { hasNextPage: true } });
  const second = await page(`first: 2, after: "${first.pageInfo.endCursor}", filter: { regionPrefix: "3708" }`);
  expect(second).toMatchObject({ totalCount: 4, codes: ['P37080200003', 'P37080200004'], pageInfo: { hasNextPage: false } });
});

test("an agency lists only its region's institutions", async () => {
  expect(await page('first: 10', { role: 'CITY_AGENCY', region: '371002' })).toMatchObject({ totalCount: 1, codes: ['H37100200005'] });
  expect(await page('first: 10, filter: { kind: PHARMACY }', { role: 'CITY_AGENCY', region: '371002' })).toMatchObject({ totalCount: 0, codes: [] });
});
