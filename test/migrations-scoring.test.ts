import { randomUUID } from 'node:crypto';
import { MikroORM, openDatabase } from '@pq/data';
import { scoringSubgraph } from '@pq/scoring';
import { createDatabase } from './harness';

// An installation at 0009 upgrades in place: its read models keep their rows under their `_view` names.
const opened: MikroORM[] = [];
afterAll(() => Promise.all(opened.map((orm) => orm.close())));

test('scoring: known persons, institutions and registrations become the person, institution and registration views, rows intact', async () => {
  const url = await createDatabase(process.env.PQ_TEST_DATABASE_URL!, `pq_upgrade_scoring_${randomUUID().slice(0, 8)}`);
  const orm = await openDatabase({ schema: 'scoring', url, entities: scoringSubgraph.entities, migrations: scoringSubgraph.migrations });
  opened.push(orm);
  const run = (sql: string) => orm.em.fork().getConnection().execute(sql);
  await run(`create schema scoring`);
  await orm.getMigrator().up({ to: '0009-derived-year' });
  const registration = randomUUID();
  for (const sql of [
    `insert into scoring.known_person (code, name, institution_codes, region_codes) values ('D370802000001', '张三', '{H37080200001,H37100200002}', '{370802,371002}')`,
    `insert into scoring.known_institution (code, region_code) values ('H37080200001', '370802'), ('H37100200002', '371002')`,
    `insert into scoring.known_registration (institution_code, person_code, registration_id, registered_on, cancelled_on) values
       ('H37080200001', 'D370802000001', '${registration}', '2026-01-05', null), ('H37100200002', 'D370802000001', null, null, '2026-03-01')`,
  ])
    await run(sql);

  await orm.getMigrator().up();

  expect(await run(`select code, name, institution_codes, region_codes from scoring.person_view`)).toEqual([
    { code: 'D370802000001', name: '张三', institution_codes: ['H37080200001', 'H37100200002'], region_codes: ['370802', '371002'] },
  ]);
  expect(await run(`select code, region_code from scoring.institution_view order by code`)).toEqual([
    { code: 'H37080200001', region_code: '370802' },
    { code: 'H37100200002', region_code: '371002' },
  ]);
  expect(
    await run(`select institution_code, person_code, registration_id, to_char(registered_on, 'YYYY-MM-DD') as registered_on, to_char(cancelled_on, 'YYYY-MM-DD') as cancelled_on
                      from scoring.registration_view order by institution_code`),
  ).toEqual([
    { institution_code: 'H37080200001', person_code: 'D370802000001', registration_id: registration, registered_on: '2026-01-05', cancelled_on: null },
    { institution_code: 'H37100200002', person_code: 'D370802000001', registration_id: null, registered_on: null, cancelled_on: '2026-03-01' },
  ]);
  // A person's registrations at one institution stay one row: the key the registry's events upsert on.
  await expect(run(`insert into scoring.registration_view (institution_code, person_code) values ('H37080200001', 'D370802000001')`)).rejects.toThrow(
    /registration_view_pkey/,
  );
  expect(
    await run(
      `select to_regclass('scoring.known_person') as person, to_regclass('scoring.known_institution') as institution, to_regclass('scoring.known_registration') as registration`,
    ),
  ).toEqual([{ person: null, institution: null, registration: null }]);
});
