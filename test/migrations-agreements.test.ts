import { randomUUID } from 'node:crypto';
import { agreementsSubgraph } from '@pq/agreements';
import { MikroORM, openDatabase } from '@pq/data';
import { createDatabase } from './harness';

/** An installation at the last migration before the entities were aligned, with a row in every table, upgraded in place. */
let orm: MikroORM;
afterAll(() => orm?.close());

test('agreements: every table keeps its rows through the migrations that align the schema with the entities', async () => {
  const url = await createDatabase(process.env.PQ_TEST_DATABASE_URL!, `pq_upgrade_agreements_${randomUUID().slice(0, 8)}`);
  orm = await openDatabase({ schema: 'agreements', url, entities: agreementsSubgraph.entities, migrations: agreementsSubgraph.migrations });
  const run = (sql: string) => orm.em.fork().getConnection().execute(sql);
  await run(`create schema agreements`);
  await orm.getMigrator().up({ to: '0006-regional-agreements-chain-cause' });
  const [agreement, measure, application, step, change] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  for (const sql of [
    `insert into agreements.institution (code, name, kind, region_code, owner) values ('H37080200001', '医院', 'MEDICAL', '370802', null)`,
    `insert into agreements.agreement (id, institution_code, region_code, status, status_since, valid_from, valid_until, suspended_since, suspension_count)
       values ('${agreement}', 'H37080200001', '370802', 'SUSPENDED', '2026-03-02', '2026-01-01', '2026-12-31', '2026-03-02', 1)`,
    `insert into agreements.agreement_measure (id, agreement_id, institution_code, region_code, action, reason, effective_on, responsible_person_codes, decided_by)
       values ('${measure}', '${agreement}', 'H37080200001', '370802', 'SUSPEND', 'r', '2026-03-02', '{D370802000001}', 'agency')`,
    `insert into agreements.designation_application (id, institution_code, name, kind, region_code, conditions, materials, findings, status, due_by, submitted_on)
       values ('${application}', 'H37080200002', '新医院', 'MEDICAL', '370802', '{"operatingMonths": 6}', '["licence"]', '{"refusals": [], "missingMaterials": []}', 'SUBMITTED', '2026-03-09', '2026-03-02')`,
    `insert into agreements.designation_step (id, application_id, action, to_status, actor, happened_on) values ('${step}', '${application}', 'SUBMIT', 'SUBMITTED', 'applicant', '2026-03-02')`,
    `insert into agreements.fund_gate (region_prefix, year, inpatient_closed) values ('3708', 2026, true)`,
    `insert into agreements.information_change (id, institution_code, changes, changed_on, filed_on, review_by, status)
       values ('${change}', 'H37080200001', '{"principal": "王五"}', '2026-02-01', '2026-02-10', '2026-03-24', 'FILED')`,
  ]) {
    await run(sql);
  }

  await orm.getMigrator().up();

  expect(await run(`select code, name, kind, region_code, public_institution from agreements.institution`)).toEqual([
    { code: 'H37080200001', name: '医院', kind: 'MEDICAL', region_code: '370802', public_institution: false },
  ]);
  expect(await run(`select id, status, to_char(status_since, 'YYYY-MM-DD') as since, suspension_count from agreements.agreement`)).toEqual([
    { id: agreement, status: 'SUSPENDED', since: '2026-03-02', suspension_count: 1 },
  ]);
  expect(await run(`select id, agreement_id, responsible_person_codes, all_staff, caused_by_chain_headquarters from agreements.agreement_measure`)).toEqual([
    { id: measure, agreement_id: agreement, responsible_person_codes: ['D370802000001'], all_staff: false, caused_by_chain_headquarters: false },
  ]);
  expect(await run(`select id, conditions, findings, status from agreements.designation_application`)).toEqual([
    { id: application, conditions: { operatingMonths: 6 }, findings: { refusals: [], missingMaterials: [] }, status: 'SUBMITTED' },
  ]);
  expect(await run(`select id, application_id, action from agreements.designation_step`)).toEqual([
    { id: step, application_id: application, action: 'SUBMIT' },
  ]);
  expect(await run(`select region_prefix, year, inpatient_closed from agreements.fund_gate`)).toEqual([
    { region_prefix: '3708', year: 2026, inpatient_closed: true },
  ]);
  expect(await run(`select id, changes, status from agreements.information_change`)).toEqual([{ id: change, changes: { principal: '王五' }, status: 'FILED' }]);

  // And the upgraded schema is the one the entities describe.
  expect((await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: 'agreements' })).trim()).toBe('');
});
