import { randomUUID } from 'node:crypto';
import { MikroORM, openDatabase } from '@pq/data';
import { registrySubgraph } from '@pq/registry';
import { rederivePersons } from '../subgraphs/registry/src/commands/derive-status';
import { createDatabase } from './harness';

/**
 * An installation at the migration before registry's last, with data, upgraded in place: the
 * data survives, the causes it implies are recorded, and the entities read every row of it.
 */
let orm: MikroORM;
afterAll(() => orm?.close());

const [suspended, terminated, normal, restored, banned] = ['D370802000001', 'D370802000002', 'D370802000003', 'D370802000004', 'D370802000005'];
const [sanctioned, measured, plain, cancelled, restoredAt, bannedAt] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];

const EARLIER_DATA = [
  `insert into registry.institution_view (code, kind, region_code) values ('H37080200001', 'MEDICAL', '370802'), ('H37080200002', 'MEDICAL', '370802')`,
  `insert into registry.agreement_status_interval (institution_code, agreement_valid_from, agreement_valid_until, status, valid_from, valid_to) values
     ('H37080200001', '2026-01-01', '2026-12-31', 'ACTIVE', '2026-01-01', null),
     ('H37080200002', '2026-01-01', '2026-12-31', 'ACTIVE', '2026-01-01', '2026-03-01'),
     ('H37080200002', '2026-01-01', '2026-12-31', 'TERMINATED', '2026-03-01', null)`,
  `insert into registry.person (code, name, id_number, birth_date, gender, phone, category, region_code, status, re_registration_blocked_until) values
     ('${suspended}', '甲', '370102198001011234', '1980-01-01', 'MALE', '13800000000', 'DOCTOR', '370802', 'SUSPENDED', null),
     ('${terminated}', '乙', '370102198002021234', '1980-02-02', 'FEMALE', null, 'NURSE', '370802', 'NORMAL', null),
     ('${normal}', '丙', '370102198003031234', '1980-03-03', null, null, 'PHARMACIST', '370802', 'NORMAL', '2027-01-01'),
     ('${restored}', '丁', '370102198004041234', '1980-04-04', null, null, 'DOCTOR', '370802', 'NORMAL', null),
     ('${banned}', '戊', '370102198005051234', '1980-05-05', null, null, 'DOCTOR', '370802', 'TERMINATED', '2027-02-09')`,
  `insert into registry.registration (id, person_code, institution_code, status, status_source, commitment_signed_on, registered_on, cancelled_on, practice_type) values
     ('${sanctioned}', '${suspended}', 'H37080200001', 'SUSPENDED', 'PERSON_SANCTION', '2026-01-05', '2026-01-05', null, '临床'),
     ('${measured}', '${terminated}', 'H37080200002', 'TERMINATED', 'AGREEMENT_MEASURE', null, '2026-01-05', null, null),
     ('${plain}', '${normal}', 'H37080200001', 'NORMAL', null, '2026-01-06', '2026-01-06', null, null),
     ('${cancelled}', '${normal}', 'H37080200002', 'CANCELLED', null, null, '2026-01-06', '2026-02-01', null),
     ('${restoredAt}', '${restored}', 'H37080200001', 'NORMAL', null, '2026-01-05', '2026-01-05', null, null),
     ('${bannedAt}', '${banned}', 'H37080200001', 'TERMINATED', 'PERSON_SANCTION', '2026-01-05', '2026-01-05', null, null)`,
  `insert into registry.status_interval (id, registration_id, person_code, institution_code, status, valid_from, valid_to, cause, basis_document) values
     ('${randomUUID()}', '${sanctioned}', '${suspended}', 'H37080200001', 'NORMAL', '2026-01-05', '2026-04-01', 'registered', null),
     ('${randomUUID()}', '${sanctioned}', '${suspended}', 'H37080200001', 'SUSPENDED', '2026-04-01', null, 'payment qualification suspended (暂停)', '通知 2026-7'),
     ('${randomUUID()}', '${measured}', '${terminated}', 'H37080200002', 'NORMAL', '2026-01-05', '2026-03-01', 'registered', null),
     ('${randomUUID()}', '${measured}', '${terminated}', 'H37080200002', 'TERMINATED', '2026-03-01', null, 'agreement terminated', '协议 2026-3'),
     ('${randomUUID()}', '${plain}', '${normal}', 'H37080200001', 'NORMAL', '2026-01-06', null, 'registered', null),
     ('${randomUUID()}', '${cancelled}', '${normal}', 'H37080200002', 'NORMAL', '2026-01-06', '2026-02-01', 'registered', null),
     ('${randomUUID()}', '${cancelled}', '${normal}', 'H37080200002', 'CANCELLED', '2026-02-01', null, 'cancelled', null),
     ('${randomUUID()}', '${restoredAt}', '${restored}', 'H37080200001', 'NORMAL', '2026-01-05', '2026-02-01', 'registered (登记备案)', null),
     ('${randomUUID()}', '${restoredAt}', '${restored}', 'H37080200001', 'SUSPENDED', '2026-02-01', '2026-03-01', 'payment qualification suspended (暂停) until 2026-03-31', '通知 2026-2'),
     ('${randomUUID()}', '${restoredAt}', '${restored}', 'H37080200001', 'NORMAL', '2026-03-01', null, 'payment qualification restored (资格恢复)', 'restoration 1'),
     ('${randomUUID()}', '${bannedAt}', '${banned}', 'H37080200001', 'NORMAL', '2026-01-05', '2026-02-10', 'registered (登记备案)', null),
     ('${randomUUID()}', '${bannedAt}', '${banned}', 'H37080200001', 'TERMINATED', '2026-02-10', null, 'payment qualification terminated (终止)', '通知 2026-5')`,
];

beforeAll(async () => {
  const url = await createDatabase(process.env.PQ_TEST_DATABASE_URL!, `pq_upgrade_registry_${randomUUID().slice(0, 8)}`);
  orm = await openDatabase({ schema: 'registry', url, entities: registrySubgraph.entities, migrations: registrySubgraph.migrations });
  await orm.em.fork().getConnection().execute(`create schema registry`);
  // The data as it was before the status became a function of its causes.
  await orm.getMigrator().up({ to: '0005-agreement-status-intervals' });
  for (const sql of EARLIER_DATA) await orm.em.fork().getConnection().execute(sql);
  await orm.getMigrator().up();
});

const rows = (sql: string) => orm.em.fork().getConnection().execute(sql);

test('registry: persons, registrations and their history survive the upgrade; each interval stands after review as it was enforced', async () => {
  expect(await rows(`select code, name, status, to_char(re_registration_blocked_until, 'YYYY-MM-DD') as ban from registry.person order by code`)).toEqual([
    { code: suspended, name: '甲', status: 'SUSPENDED', ban: null },
    { code: terminated, name: '乙', status: 'NORMAL', ban: null },
    { code: normal, name: '丙', status: 'NORMAL', ban: '2027-01-01' },
    { code: restored, name: '丁', status: 'NORMAL', ban: null },
    { code: banned, name: '戊', status: 'TERMINATED', ban: '2027-02-09' },
  ]);
  expect(
    await rows(
      `select id, status, to_char(cancelled_on, 'YYYY-MM-DD') as cancelled_on, practice_type from registry.registration order by person_code, institution_code`,
    ),
  ).toEqual([
    { id: sanctioned, status: 'SUSPENDED', cancelled_on: null, practice_type: '临床' },
    { id: measured, status: 'TERMINATED', cancelled_on: null, practice_type: null },
    { id: plain, status: 'NORMAL', cancelled_on: null, practice_type: null },
    { id: cancelled, status: 'CANCELLED', cancelled_on: '2026-02-01', practice_type: null },
    { id: restoredAt, status: 'NORMAL', cancelled_on: null, practice_type: null },
    { id: bannedAt, status: 'TERMINATED', cancelled_on: null, practice_type: null },
  ]);
  const intervals = await rows(`select status, status_after_review, annulled from registry.status_interval`);
  expect(intervals).toHaveLength(12);
  for (const interval of intervals) expect(interval).toEqual({ status: interval.status, status_after_review: interval.status, annulled: false });
  expect(await rows(`select count(*)::int as n from registry.agreement_status_interval`)).toEqual([{ n: 3 }]);
});

test('registry: the history becomes causes — each sanction with its restoration and the ban, each measure with the persons it held', async () => {
  const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD') as ${column}`;
  expect(
    await rows(`select person_code, kind, ${day('valid_from')}, ${day('until')}, ${day('decided_on')}, ${day('lifted_on')}, ${day('annulled_on')}, ${day('re_registration_blocked_until')}, basis_document
                       from registry.sanction_view order by person_code`),
  ).toEqual([
    {
      person_code: suspended,
      kind: 'SUSPENSION',
      valid_from: '2026-04-01',
      until: null,
      decided_on: '2026-04-01',
      lifted_on: null,
      annulled_on: null,
      re_registration_blocked_until: null,
      basis_document: '通知 2026-7',
    },
    {
      person_code: restored,
      kind: 'SUSPENSION',
      valid_from: '2026-02-01',
      until: '2026-03-31',
      decided_on: '2026-02-01',
      lifted_on: '2026-03-01',
      annulled_on: null,
      re_registration_blocked_until: null,
      basis_document: '通知 2026-2',
    },
    {
      person_code: banned,
      kind: 'TERMINATION',
      valid_from: '2026-02-10',
      until: null,
      decided_on: '2026-02-10',
      lifted_on: null,
      annulled_on: null,
      re_registration_blocked_until: '2027-02-09',
      basis_document: '通知 2026-5',
    },
  ]);
  expect(
    await rows(
      `select institution_code, action, to_char(effective_on, 'YYYY-MM-DD') as effective_on, responsible_person_codes, all_staff, reason, basis_document from registry.agreement_measure_view`,
    ),
  ).toEqual([
    {
      institution_code: 'H37080200002',
      action: 'TERMINATE',
      effective_on: '2026-03-01',
      responsible_person_codes: [terminated],
      all_staff: false,
      reason: 'agreement terminated',
      basis_document: '协议 2026-3',
    },
  ]);
});

test('registry: the entities read every upgraded row', async () => {
  const em = orm.em.fork();
  const counts = await Promise.all(registrySubgraph.entities.map(async (entity) => [entity.name, (await em.find(entity, {})).length]));
  expect(Object.fromEntries(counts)).toEqual({
    Person: 5,
    Registration: 6,
    StatusInterval: 12,
    InstitutionView: 2,
    AgreementStatusInterval: 3,
    SanctionView: 3,
    AgreementMeasureView: 1,
    // The change feed starts at the upgrade: what came before is on file (persons, statusHistory), not in the feed.
    ChangeEntry: 0,
  });
});

test('registry: deriving an upgraded person again keeps their history, status and ban', async () => {
  const history = () =>
    rows(
      `select person_code, status, to_char(valid_from, 'YYYY-MM-DD') as valid_from from registry.status_interval where person_code in ('${restored}', '${banned}', '${suspended}') order by person_code, valid_from`,
    );
  const persons = () =>
    rows(
      `select code, status, to_char(re_registration_blocked_until, 'YYYY-MM-DD') as ban from registry.person where code in ('${restored}', '${banned}', '${suspended}') order by code`,
    );
  const [before, personsBefore] = [await history(), await persons()];
  await orm.em.fork().transactional((em) => rederivePersons(em, [restored, banned, suspended], '2026-06-01'));
  expect(await history()).toEqual(before);
  expect(await persons()).toEqual(personsBefore);
});
