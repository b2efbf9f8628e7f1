import { DASHBOARD_QUERY, DEMO_PEOPLE, MULTI_SITE_DOCTOR, withCheckCharacter } from '../scripts/src/demo';
import { expectedDemoDashboard, suspensionUntil, withoutIds } from './expected';
import { startSeededStack, Stack } from './harness';

const TODAY = '2026-03-16';
const REGISTER = `mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id status } } }`;
const IMPORT = `mutation($input: ImportInstitutionsInput!) { importInstitutions(input: $input) { institutions { code } } }`;
const SCORE = `mutation($input: RecordScoresInput!) { recordScores(input: $input) { records { points yearTotalAfter } sanctions { kind from until } } }`;

let stack: Stack;

beforeAll(async () => {
  stack = await startSeededStack(TODAY);
});

afterAll(() => stack?.stop());

const dashboard = async (code: string) => {
  const response = await stack.query(DASHBOARD_QUERY, { code });
  expect(response.errors).toBeUndefined();
  return response.data;
};

test('the API.md dashboard returns the multi-site doctor in one request', async () => {
  expect(withoutIds(await dashboard(MULTI_SITE_DOCTOR))).toEqual(expectedDemoDashboard(TODAY));
});

test('dashboards asked at once (their reads merged into shared statements) each show their own person', async () => {
  const codes = Object.values(DEMO_PEOPLE).map((person) => person.code);
  const alone = [];
  for (const code of codes) alone.push(await dashboard(code));
  expect(new Set(alone.map((board) => board.person.code))).toEqual(new Set(codes));
  expect(await Promise.all([...codes, ...codes].map(dashboard))).toEqual([...alone, ...alone]);
});

test('aliases named as Object.prototype members, __proto__ among them, come back as asked and reach no prototype (the gateway runs in this process)', async () => {
  const query = `query($code: ID!) {
    person(code: $code) {
      constructor: name
      toString: code
      registrations { status }
      ... @include(if: true) { registrations { __proto__: institution { name: code } } }
    }
    valueOf: __typename
  }`;
  const response = await stack.query(query, { code: MULTI_SITE_DOCTOR });
  expect(response.errors).toBeUndefined();
  const person = response.data.person;
  expect([Object.getOwnPropertyDescriptor(person, 'constructor')?.value, person.toString, response.data.valueOf]).toEqual(['张伟', MULTI_SITE_DOCTOR, 'Query']);
  expect(person.registrations).toHaveLength(2);
  for (const registration of person.registrations)
    expect(Object.getOwnPropertyDescriptor(registration, '__proto__')?.value).toEqual({ name: expect.any(String) });
  expect(Object.keys(Object.prototype)).toEqual([]);
});

test('9 points for a person registered at two institutions suspend both registrations through the event flow', async () => {
  const code = 'D371002000777';
  const person = { code, name: '赵磊', category: 'DOCTOR', idNumber: withCheckCharacter('37100219820202001') };
  for (const institutionCode of ['H37100200015', 'H37080200090']) {
    const registered = await stack.query(REGISTER, { input: { institutionCode, people: [{ ...person, registeredOn: '2026-01-05' }] } });
    expect(registered.errors).toBeUndefined();
  }
  await stack.eventsDelivered();

  // National rules at Weihai (3710): letting a suspended person settle under one's name, main responsibility → 9 points in one decision.
  const scored = await stack.query(SCORE, {
    input: {
      decisionType: 'ADMINISTRATIVE_PENALTY',
      documentNumber: '威医保罚〔2026〕3号',
      decidedOn: '2026-03-10',
      items: [{ personCode: code, institutionCode: 'H37100200015', violationCode: 'N3-01', responsibility: 'MAIN' }],
    },
  });
  expect(scored.errors).toBeUndefined();
  const until = suspensionUntil('2026-03-10', 4);
  expect(scored.data.recordScores).toEqual({ records: [{ points: 9, yearTotalAfter: 9 }], sanctions: [{ kind: 'SUSPENSION', from: '2026-03-10', until }] });

  await stack.eventsDelivered();
  const board = await dashboard(code);
  expect(board.person).toMatchObject({
    status: 'SUSPENDED',
    points: 9,
    activeSanction: { kind: 'SUSPENSION', from: '2026-03-10', until },
    registrations: [
      { status: 'SUSPENDED', institution: { code: 'H37080200090' } },
      { status: 'SUSPENDED', institution: { code: 'H37100200015' } },
    ],
  });
});

test('the dashboard costs the same SQL statements for 5 registrations as for 1', async () => {
  const extra = ['H37080200201', 'H37080200202', 'H37080200203'].map((code, i) => ({
    code,
    name: `济宁测试医院${i + 1}`,
    kind: 'MEDICAL',
    regionCode: '370802',
    agreementValidFrom: '2026-01-01',
    agreementValidUntil: '2026-12-31',
  }));
  expect((await stack.query(IMPORT, { input: { institutions: extra } })).errors).toBeUndefined();
  await stack.eventsDelivered();
  const fiveSites = { code: 'D370802000555', name: '孙敏', category: 'DOCTOR', idNumber: withCheckCharacter('37080219900909002') };
  const oneSite = { code: 'D370802000556', name: '周杰', category: 'DOCTOR', idNumber: withCheckCharacter('37080219910919003') };
  for (const institutionCode of ['H37080200090', 'H37080200131', ...extra.map((e) => e.code)]) {
    expect(
      (await stack.query(REGISTER, { input: { institutionCode, people: institutionCode === 'H37080200090' ? [fiveSites, oneSite] : [fiveSites] } })).errors,
    ).toBeUndefined();
  }
  await stack.eventsDelivered();

  const five = await stack.countStatements(DASHBOARD_QUERY, { code: fiveSites.code });
  const one = await stack.countStatements(DASHBOARD_QUERY, { code: oneSite.code });
  expect(five.response.data.person.registrations).toHaveLength(5);
  expect(one.response.data.person.registrations).toHaveLength(1);
  expect(five.statements).toBeGreaterThan(0);
  expect(five.statements).toBe(one.statements);
});

test('a page of personnel with points and open appeals costs the same SQL statements for 2 persons as for 5', async () => {
  const page = `query($first: Int) { persons(first: $first, filter: { regionPrefix: "37" }) { totalCount edges { node { code status points openAppeals { id } registrations { institution { name } } } } } }`;
  const small = await stack.countStatements(page, { first: 2 });
  const large = await stack.countStatements(page, { first: 5 });
  expect(small.response.data.persons.edges).toHaveLength(2);
  expect(large.response.data.persons.edges).toHaveLength(5);
  expect(large.statements).toBe(small.statements);
});

test('a page of personnel asking points of two years costs the same SQL statements as asking one', async () => {
  const page = (fields: string) => `query($code: ID!) { institution(code: $code) { personnel(first: 100) { edges { node { code ${fields} } } } } }`;
  const one = await stack.countStatements(page('points'), { code: 'H37080200090' });
  const two = await stack.countStatements(page('points last: points(year: 2025)'), { code: 'H37080200090' });
  expect(two.response.errors).toBeUndefined();
  expect(two.response.data.institution.personnel.edges.length).toBeGreaterThan(1);
  expect(two.statements).toBe(one.statements);
});

test('the personnel of a list of institutions: the same SQL statements for one institution as for all of them, each page as read alone', async () => {
  const PERSONNEL =
    'code personnel(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { code name } } } normal: personnel(status: NORMAL, first: 5) { totalCount }';
  const list = (regionPrefix: string) =>
    stack.countStatements(`query($regionPrefix: String!) { designatedInstitutions(regionPrefix: $regionPrefix, month: "2026-03") { ${PERSONNEL} } }`, {
      regionPrefix,
    });
  const all = await list('37');
  const one = await list('371002');
  const institutions: { code: string; personnel: { totalCount: number; pageInfo: { endCursor: string | null } } }[] = all.response.data.designatedInstitutions;
  expect(one.response.data.designatedInstitutions).toHaveLength(1);
  expect(institutions.length).toBeGreaterThan(3);
  expect(institutions.filter((i) => i.personnel.totalCount > 1).length).toBeGreaterThan(1);
  expect(all.statements).toBe(one.statements);

  for (const institution of institutions) {
    const alone = await stack.query(`{ institution(code: "${institution.code}") { ${PERSONNEL} } }`);
    expect(alone.data.institution).toEqual(institution);
    // The next page continues after the cursor.
    if (institution.personnel.totalCount > 1) {
      const next = await stack.query(
        `query($after: String) { institution(code: "${institution.code}") { personnel(first: 100, after: $after) { edges { node { code } } } } }`,
        { after: institution.personnel.pageInfo.endCursor },
      );
      expect(next.errors).toBeUndefined();
      expect(next.data.institution.personnel.edges).toHaveLength(institution.personnel.totalCount - 1);
    }
  }
});

test('one document sent again with other variables is shaped by the variables of each request (@include)', async () => {
  const query = `query($code: ID!, $withAppeals: Boolean!) { person(code: $code) { code points openAppeals @include(if: $withAppeals) { id } } }`;
  const [withAppeals, without, again] = await Promise.all(
    [true, false, true].map((flag) => stack.query(query, { code: MULTI_SITE_DOCTOR, withAppeals: flag })),
  );
  expect(withAppeals.errors).toBeUndefined();
  expect(withAppeals.data.person).toHaveProperty('openAppeals');
  expect(without.data.person).not.toHaveProperty('openAppeals');
  expect(without.data.person).toEqual({ code: MULTI_SITE_DOCTOR, points: withAppeals.data.person.points });
  expect(again.data).toEqual(withAppeals.data);
});

test('a page of personnel answers each person as asked alone (points of two years, open appeals), for a city agency as for the national one', async () => {
  // The page's persons reach scoring and appeals as one `_entities` call each, whose fields are resolved for all of them at once.
  const FIELDS = 'code status points last: points(year: 2025) openAppeals { id status }';
  const page = `query($code: ID!) { institution(code: $code) { personnel(first: 100) { edges { node { ${FIELDS} } } } } }`;
  for (const as of [undefined, { role: 'CITY_AGENCY', region: '370802' }] as const) {
    const response = await stack.query(page, { code: 'H37080200090' }, as);
    expect(response.errors).toBeUndefined();
    const persons: { code: string }[] = response.data.institution.personnel.edges.map((edge: { node: { code: string } }) => edge.node);
    expect(persons.length).toBeGreaterThan(1);
    for (const person of persons) {
      const alone = await stack.query(`query($code: ID!) { person(code: $code) { ${FIELDS} } }`, { code: person.code }, as);
      expect(alone.errors).toBeUndefined();
      expect(person).toEqual(alone.data.person);
    }
  }
});
