import { newDoctor, registerAt, score } from './fixtures';
import { startSeededStack, Stack } from './harness';

let stack: Stack;
beforeAll(async () => {
  stack = await startSeededStack('2026-03-16');
});
afterAll(() => stack?.stop());

const agency = { role: 'CITY_AGENCY' as const, region: '3710' };
const QUEUE = `query($f: AppealQueueFilter, $first: Int, $after: String) {
  appealQueue(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id decideBy } } }
}`;

/** Every page of the queue, `first` at a time, following the cursors. */
async function pages(filter: object, first: number) {
  const nodes: { id: string; decideBy: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors }: { data?: any; errors?: unknown } = await stack.query(QUEUE, { f: filter, first, after }, agency);
    expect(errors).toBeUndefined();
    nodes.push(...data.appealQueue.edges.map((e: any) => e.node));
    if (!data.appealQueue.pageInfo.hasNextPage) return { nodes, totalCount: data.appealQueue.totalCount };
    after = data.appealQueue.pageInfo.endCursor;
  }
}

test('the work queue pages by decision deadline, then id, each appeal once, with its filters applied on every page', async () => {
  // Two appeals received on each of two days: equal deadlines are ordered by id across pages.
  const deadlines: string[] = [];
  for (const [i, receivedOn] of ['2026-03-12', '2026-03-12', '2026-03-11', '2026-03-11'].entries()) {
    const doctor = newDoctor(`排队医师${i}`);
    await registerAt(stack, doctor, ['H37100200015']);
    const scored = await score(stack, `威医保罚〔2026〕队${i}号`, '2026-03-10', [
      { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N1-01', responsibility: 'MAIN' },
    ]);
    await stack.eventsDelivered();
    const filed = await stack.query(
      `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { decideBy } } }`,
      {
        input: { scoreRecordId: scored.data.recordScores.records[0].id, receivedOn, statement: '申请复核', signedByPerson: true, stampedByInstitution: true },
      },
      { role: 'INSTITUTION', institution: 'H37100200015', region: '371002' },
    );
    expect(filed.errors).toBeUndefined();
    deadlines.push(filed.data.fileAppeal.appeal.decideBy);
  }
  const earlier = deadlines[2];
  expect(earlier < deadlines[0]).toBe(true);

  const all = await pages({}, 50);
  const sorted = [...all.nodes].sort((a, b) => (a.decideBy === b.decideBy ? (a.id < b.id ? -1 : 1) : a.decideBy < b.decideBy ? -1 : 1));
  expect(all.nodes).toEqual(sorted);
  expect(all.totalCount).toBe(all.nodes.length);
  expect(all.nodes.length).toBeGreaterThanOrEqual(4);
  expect(await pages({}, 1)).toEqual(all);

  const due = await pages({ dueBefore: earlier, subject: 'SCORE' }, 1);
  expect(due.nodes).toEqual(all.nodes.filter((n) => n.decideBy <= earlier));
  expect(due.totalCount).toBe(due.nodes.length);
  expect(due.nodes.length).toBeGreaterThanOrEqual(2);
  expect((await pages({ subject: 'AGREEMENT' }, 1)).nodes).toEqual([]);
});
