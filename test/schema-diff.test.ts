import { randomUUID } from 'node:crypto';
import { agreementsSubgraph } from '@pq/agreements';
import { appealsSubgraph } from '@pq/appeals';
import { migrate, MikroORM, openDatabase } from '@pq/data';
import { SubgraphDefinition } from '@pq/subgraph';
import { registrySubgraph } from '@pq/registry';
import { scoringSubgraph } from '@pq/scoring';
import { createDatabase } from './harness';

// Migrations are the schema's history, entities its present: after every migration has run,
// MikroORM finds nothing to change — every table has its entity and every entity its table.
const opened: MikroORM[] = [];
afterAll(() => Promise.all(opened.map((orm) => orm.close())));

test.each<[string, SubgraphDefinition<unknown>]>([
  ['registry', registrySubgraph],
  ['scoring', scoringSubgraph],
  ['agreements', agreementsSubgraph],
  ['appeals', appealsSubgraph],
])('%s: the migrated schema is exactly what the entities describe', async (name, definition) => {
  const url = await createDatabase(process.env.PQ_TEST_DATABASE_URL!, `pq_diff_${name}_${randomUUID().slice(0, 8)}`);
  const orm = await openDatabase({ schema: name, url, entities: definition.entities, migrations: definition.migrations });
  opened.push(orm);
  await migrate(orm, name);
  const diff = await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, schema: name });
  expect(diff.trim()).toBe('');
});
