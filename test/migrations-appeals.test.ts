import { randomUUID } from 'node:crypto';
import { appealsSubgraph } from '@pq/appeals';
import { MikroORM, openDatabase } from '@pq/data';
import { ManualClock } from '@pq/time';
import { WorkingDayCalendar } from '@pq/time/files';
import { takeAppealStep } from '../subgraphs/appeals/src/commands/appeal-steps';
import { AppealAction } from '../subgraphs/appeals/src/domain/appeal-machine';
import { Appeal } from '../subgraphs/appeals/src/entities/appeal';
import { AppealStep } from '../subgraphs/appeals/src/entities/appeal-step';
import { ScoreRecordView } from '../subgraphs/appeals/src/entities/score-record-view';
import { createDatabase } from './harness';

/**
 * An installation that filed appeals under the first schema upgrades in place: its rows survive
 * every later migration and are read and worked on through today's entities and commands.
 */
let orm: MikroORM;
afterAll(() => orm?.close());

test('appeals: an appeal filed under the first schema survives the upgrade and takes its next step', async () => {
  const url = await createDatabase(process.env.PQ_TEST_DATABASE_URL!, `pq_upgrade_appeals_${randomUUID().slice(0, 8)}`);
  orm = await openDatabase({ schema: 'appeals', url, entities: appealsSubgraph.entities, migrations: appealsSubgraph.migrations });
  const run = (sql: string) => orm.em.fork().getConnection().execute(sql);
  await run(`create schema appeals`);
  await orm.getMigrator().up({ to: '0001-appeals' });
  const [recordId, appealId] = [randomUUID(), randomUUID()];
  await run(`insert into appeals.score_record_view (id, person_code, institution_code, points, decided_on, document_number)
             values ('${recordId}', 'D370802000001', 'H37080200001', 6, '2026-03-02', '济医保罚〔2026〕1号')`);
  await run(`insert into appeals.appeal (id, score_record_id, person_code, institution_code, status, filed_on, decide_by, statement, filed_by, created_at)
             values ('${appealId}', '${recordId}', 'D370802000001', 'H37080200001', 'FILED', '2026-03-09', '2026-04-07', '申请复核', 'staff-1', '2026-03-09T01:00:00Z')`);
  await orm.getMigrator().up();

  const em = orm.em.fork();
  expect(await em.findOneOrFail(ScoreRecordView, recordId)).toMatchObject({ points: 6, decidedOn: '2026-03-02', regionCode: null, appealBy: null });
  expect(await em.findOneOrFail(Appeal, appealId)).toMatchObject({
    subject: 'SCORE',
    scoreRecordId: recordId,
    personCode: 'D370802000001',
    regionCode: '370802',
    status: 'FILED',
    filedOn: '2026-03-09',
    decideBy: '2026-04-07',
    escalated: false,
    statement: '申请复核',
    filedBy: 'staff-1',
  });

  const actor = {
    caller: { sub: 'agency-jining', role: 'CITY_AGENCY' as const, region: '3708' },
    clock: new ManualClock('2026-03-16'),
    calendar: new WorkingDayCalendar(),
  };
  await orm.em.fork().transactional((em) => takeAppealStep(em, actor, { appealId, action: AppealAction.EXPLAIN, note: '已解释' }));
  const after = orm.em.fork();
  expect(await after.findOneOrFail(Appeal, appealId)).toMatchObject({ status: 'EXPLAINED' });
  expect(await after.find(AppealStep, { appealId })).toMatchObject([
    { action: 'EXPLAIN', fromStatus: 'FILED', toStatus: 'EXPLAINED', happenedOn: '2026-03-16', note: '已解释' },
  ]);
});
