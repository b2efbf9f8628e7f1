import { randomUUID } from 'node:crypto';
import { agreementsSubgraph } from '@pq/agreements';
import { MikroORM, openDatabase } from '@pq/data';
import { SubgraphDefinition } from '@pq/subgraph';
import { registrySubgraph } from '@pq/registry';
import { scoringSubgraph } from '@pq/scoring';
import { createDatabase } from './harness';

/**
 * Data as an earlier version left it, then the migrations that carry it over: what a running
 * installation goes through on upgrade (the other tests start from empty tables).
 */
const opened: MikroORM[] = [];
afterAll(() => Promise.all(opened.map((orm) => orm.close())));

async function upgradedFrom(definition: SubgraphDefinition<unknown>, lastApplied: string, earlierData: string[]): Promise<(sql: string) => Promise<any[]>> {
  const url = await createDatabase(process.env.PQ_TEST_DATABASE_URL!, `pq_upgrade_${randomUUID().slice(0, 8)}`);
  const orm = await openDatabase({ schema: definition.name, url, entities: definition.entities, migrations: definition.migrations });
  opened.push(orm);
  const run = (sql: string) => orm.em.fork().getConnection().execute(sql);
  await run(`create schema "${definition.name}"`);
  await orm.getMigrator().up({ to: lastApplied });
  for (const sql of earlierData) await run(sql);
  await orm.getMigrator().up();
  return run;
}

test("agreements: an existing agreement's status counts from the last whole-agreement measure that set it, else from its first day", async () => {
  const measure = (id: string, action: string, effectiveOn: string, recordedAt: string, department = 'null') =>
    `insert into agreements.agreement_measure (id, agreement_id, institution_code, action, department, reason, effective_on, decided_by, recorded_at)
     values ('${randomUUID()}', '${id}', 'H37080200001', '${action}', ${department}, 'r', '${effectiveOn}', 'agency', '${recordedAt}')`;
  const [measured, untouched] = [randomUUID(), randomUUID()];
  const run = await upgradedFrom(agreementsSubgraph, '0004-designation-information-changes-fund-gate', [
    `insert into agreements.institution (code, name, kind, region_code) values ('H37080200001', 'a', 'MEDICAL', '370802'), ('H37080200002', 'b', 'MEDICAL', '370802')`,
    `insert into agreements.agreement (id, institution_code, status, valid_from, valid_until) values
       ('${measured}', 'H37080200001', 'ACTIVE', '2026-01-01', '2026-12-31'), ('${untouched}', 'H37080200002', 'SUSPENDED', '2026-02-01', '2027-01-31')`,
    measure(measured, 'SUSPEND', '2026-03-02', '2026-03-02T09:00:00Z'),
    measure(measured, 'RESUME', '2026-03-10', '2026-03-10T09:00:00Z'),
    // A department's suspension leaves the agreement's status as it was.
    measure(measured, 'SUSPEND', '2026-04-01', '2026-04-01T09:00:00Z', `'儿科'`),
  ]);
  const rows = await run(`select institution_code, to_char(status_since, 'YYYY-MM-DD') as since from agreements.agreement order by institution_code`);
  expect(rows).toEqual([
    { institution_code: 'H37080200001', since: '2026-03-10' },
    { institution_code: 'H37080200002', since: '2026-02-01' },
  ]);
});

test('registry: each known agreement becomes one open interval of its current status over its validity', async () => {
  const run = await upgradedFrom(registrySubgraph, '0004-audit-log', [
    `insert into registry.agreement_view (institution_code, valid_from, status, valid_until) values
       ('H37080200001', '2025-01-01', 'ACTIVE', '2025-12-31'), ('H37080200001', '2026-01-01', 'SUSPENDED', '2026-12-31')`,
  ]);
  const intervals = await run(
    `select institution_code, to_char(agreement_valid_from, 'YYYY-MM-DD') as agreement_from, to_char(agreement_valid_until, 'YYYY-MM-DD') as agreement_until, status,
            to_char(valid_from, 'YYYY-MM-DD') as valid_from, valid_to
       from registry.agreement_status_interval order by agreement_valid_from`,
  );
  expect(intervals).toEqual([
    {
      institution_code: 'H37080200001',
      agreement_from: '2025-01-01',
      agreement_until: '2025-12-31',
      status: 'ACTIVE',
      valid_from: '2025-01-01',
      valid_to: null,
    },
    {
      institution_code: 'H37080200001',
      agreement_from: '2026-01-01',
      agreement_until: '2026-12-31',
      status: 'SUSPENDED',
      valid_from: '2026-01-01',
      valid_to: null,
    },
  ]);
  expect(await run(`select to_regclass('registry.agreement_view') as gone`)).toEqual([{ gone: null }]);
});

test('scoring: each institution a known person works at becomes one known registration', async () => {
  const run = await upgradedFrom(scoringSubgraph, '0006-sanction-recorded-at', [
    `insert into scoring.known_person (code, name, institution_codes, region_codes) values
       ('D370802000001', 'a', '{H37080200001,H37100200002}', '{370802,371002}'), ('D370802000002', 'b', '{H37080200001}', '{370802}'), ('D370802000003', 'c', '{}', '{}')`,
  ]);
  expect(await run(`select institution_code, person_code from scoring.registration_view order by 1, 2`)).toEqual([
    { institution_code: 'H37080200001', person_code: 'D370802000001' },
    { institution_code: 'H37080200001', person_code: 'D370802000002' },
    { institution_code: 'H37100200002', person_code: 'D370802000001' },
  ]);
});
