import { MULTI_SITE_DOCTOR } from '../scripts/src/demo';
import { newDoctor, REGISTER } from './fixtures';
import { errorCodes, startSeededStack, Stack } from './harness';

// Issue #19 item 4: each subgraph's audit log is read within the caller's region, as the data each
// entry is about: an administration of region 11 reads nothing about a Guangzhou person nor
// Jining's scoring decisions.

let stack: Stack;
const guangzhouDoctor = newDoctor('广州医师', '440106');
const GUANGZHOU_HOSPITAL = 'H44010600001';
const LOG = (subgraph: string) => `{ ${subgraph}AuditLog(first: 200) { totalCount edges { node { operation target } } } }`;
const entries = async (subgraph: string, region: string, role: 'ADMINISTRATION' | 'NATIONAL_AGENCY' = 'ADMINISTRATION') => {
  const response = await stack.query(LOG(subgraph), {}, { role, region });
  expect(response.errors).toBeUndefined();
  const log = response.data[`${subgraph}AuditLog`];
  expect(log.totalCount).toBe(log.edges.length);
  return log.edges.map((e: any) => e.node as { operation: string; target: string });
};
const about = (list: { target: string }[], key: string) => list.filter((entry) => entry.target.includes(key));

beforeAll(async () => {
  stack = await startSeededStack();
  const imported = await stack.query(
    `mutation { importInstitutions(input: { institutions: [{ code: "${GUANGZHOU_HOSPITAL}", name: "广州市荔湾区人民医院", kind: MEDICAL, regionCode: "440106", agreementValidFrom: "2026-01-01", agreementValidUntil: "2026-12-31" }] }) { institutions { code } } }`,
  );
  expect(imported.errors).toBeUndefined();
  await stack.eventsDelivered();
  expect((await stack.query(REGISTER, { input: { institutionCode: GUANGZHOU_HOSPITAL, people: [guangzhouDoctor] } })).errors).toBeUndefined();
  // Audited reads of full ID numbers: a Guangdong agency reads its person, Shandong's the multi-site doctor.
  expect(
    (await stack.query(`{ person(code: "${guangzhouDoctor.code}") { idNumber } }`, {}, { role: 'PROVINCIAL_AGENCY', region: '44' })).errors,
  ).toBeUndefined();
  expect((await stack.query(`{ person(code: "${MULTI_SITE_DOCTOR}") { idNumber } }`, {}, { role: 'PROVINCIAL_AGENCY', region: '37' })).errors).toBeUndefined();
});
afterAll(() => stack?.stop());

describe('registryAuditLog', () => {
  test('an administration of region 11 reads no entry about persons elsewhere', async () => {
    expect(await entries('registry', '11')).toEqual([]);
  });

  test('an administration of 44 reads the entries about its person, and none about Shandong', async () => {
    const guangdong = await entries('registry', '44');
    expect(guangdong.map((e) => e.operation).sort()).toEqual(['read idNumber', 'registerPersonnel']);
    expect(about(guangdong, guangzhouDoctor.code)).toHaveLength(2);
  });

  test("a city's administration reads the entries about persons registered in it, wherever their code is from", async () => {
    const jining = await entries('registry', '370802');
    const weihai = await entries('registry', '371002');
    // The multi-site doctor (a Jining code) works in both cities: Jining reads every entry about
    // them, Weihai those written since they work there; an entry keeps the scope it was written with.
    const read = { operation: 'read idNumber', target: MULTI_SITE_DOCTOR };
    const registeredAt = (institution: string) => ({
      operation: 'registerPersonnel',
      target: expect.stringMatching(new RegExp(`^${institution}: .*${MULTI_SITE_DOCTOR}`)),
    });
    expect(about(jining, MULTI_SITE_DOCTOR)).toEqual(expect.arrayContaining([read, registeredAt('H37080200090'), registeredAt('H37100200015')]));
    expect(about(weihai, MULTI_SITE_DOCTOR)).toEqual(expect.arrayContaining([read, registeredAt('H37100200015')]));
    expect(about(weihai, 'H37080200090')).toEqual([]);
    // A Weihai technician appears to Jining only in the batch that also registered its doctor.
    expect(about(jining, 'HJ371002000555')).toEqual([registeredAt('H37100200015')]);
    expect(about(weihai, 'HJ371002000555').length).toBeGreaterThan(0);
    expect(about([...jining, ...weihai], guangzhouDoctor.code)).toEqual([]);
  });

  test('national readers read every entry, entries from before the scope was kept included', async () => {
    await stack.services.registry.orm.em
      .fork()
      .getConnection()
      .execute(`insert into registry.audit_log (caller, caller_role, operation, target) values ('old', 'CITY_AGENCY', 'registerPersonnel', 'before scopes')`);
    const all = await entries('registry', '');
    expect(about(all, guangzhouDoctor.code)).toHaveLength(2);
    expect(about(all, 'before scopes')).toHaveLength(1);
    expect(await entries('registry', '', 'NATIONAL_AGENCY')).toEqual(all);
    expect(about(await entries('registry', '37'), 'before scopes')).toEqual([]);
  });
});

describe('scoringAuditLog', () => {
  test('each administration reads the decisions about its persons and institutions only', async () => {
    const all = await entries('scoring', '');
    const decisions = all.filter((e) => e.operation === 'recordScores');
    expect(decisions.length).toBeGreaterThan(1);
    expect(await entries('scoring', '11')).toEqual([]);
    expect(await entries('scoring', '44')).toEqual([]);
    const weihai = await entries('scoring', '371002');
    expect(weihai.length).toBeGreaterThan(0);
    expect(weihai.length).toBeLessThan(all.length);
    expect(about(weihai, 'D370802000789')).toEqual([]);
    expect(about(await entries('scoring', '3708'), 'D370802000789').length).toBeGreaterThan(0);
  });
});

describe('agreementsAuditLog and appealsAuditLog', () => {
  test('an institution import is read by the administrations of its institutions only', async () => {
    const guangdong = await entries('agreements', '44');
    expect(guangdong.map((e) => e.target)).toEqual([GUANGZHOU_HOSPITAL]);
    expect(about(await entries('agreements', '11'), GUANGZHOU_HOSPITAL)).toEqual([]);
    expect(about(await entries('agreements', '37'), GUANGZHOU_HOSPITAL)).toEqual([]);
    expect((await entries('agreements', '37')).length).toBeGreaterThan(0);
  });

  test('appeals are read within the appeal region', async () => {
    expect(await entries('appeals', '11')).toEqual([]);
    expect(await entries('appeals', '37')).toEqual(await entries('appeals', ''));
  });

  test('other roles still may not read an audit log', async () => {
    expect(errorCodes(await stack.query(LOG('registry'), {}, { role: 'CITY_AGENCY', region: '370802' }))).toEqual([{ code: 'FORBIDDEN' }]);
  });
});
