import { MAX_COPY_REPORT_RECORDS } from '../subgraphs/scoring/src/resolvers/report.resolver';
import { errorCodes, postJson, startSeededStack, Stack } from './harness';

const TODAY = '2026-03-16';
let stack: Stack;

beforeAll(async () => {
  stack = await startSeededStack(TODAY);
});
afterAll(() => stack?.stop());

const ANALYTICS = `query($filter: AnalyticsFilter!, $groupBy: [AnalyticsDimension!]) {
  analytics(filter: $filter, groupBy: $groupBy) {
    regionPrefix fromMonth toMonth
    groups {
      suppressed personsScored scoreRecords points suspensions terminations institutionsOverRatio
      pointsDistribution { from to persons }
      key { regionCode institutionKind category month institution { code name agreement { status } } violationItem { code title } }
      appealOutcomes { suppressed filed open upheld changed withdrawn }
    }
  }
}`;

const analytics = async (filter: Record<string, unknown>, groupBy: string[] = [], as?: Record<string, unknown>) => {
  const response = await stack.query(ANALYTICS, { filter, groupBy }, as);
  expect(response.errors).toBeUndefined();
  return response.data.analytics as { groups: any[] };
};

const sum = (groups: any[], field: string) => groups.reduce((total, group) => total + group[field], 0);

describe('analytics across institutions', () => {
  const filter = { regionPrefix: '37', year: 2026 };

  test('one group of everything matches the score records and sanctions stored', async () => {
    const [total] = (await analytics(filter)).groups;
    const scoring = stack.services.scoring.orm.em.fork().getConnection();
    const [stored] = await scoring.execute(
      `select count(*)::int as records, count(distinct person_code)::int as persons, sum(points)::int as points
         from scoring.score_record r join scoring.institution_view i on i.code = r.institution_code
        where i.region_code like '37%' and r.decided_on between '2026-01-01' and '2026-12-31'`,
    );
    expect(total).toMatchObject({ scoreRecords: stored.records, personsScored: stored.persons, points: stored.points, suppressed: false });
    expect(total.scoreRecords).toBeGreaterThan(0);
    expect(total.pointsDistribution.map((bucket: any) => [bucket.from, bucket.to])).toEqual([
      [1, 2],
      [3, 5],
      [6, 8],
      [9, 11],
      [12, null],
    ]);
    expect(sum(total.pointsDistribution, 'persons')).toBeLessThanOrEqual(total.personsScored);
    expect(total.suspensions + total.terminations).toBeGreaterThan(0);
  });

  test.each([
    ['REGION', (key: any) => key.regionCode],
    ['INSTITUTION', (key: any) => key.institution?.code],
    ['INSTITUTION_KIND', (key: any) => key.institutionKind],
    ['PERSONNEL_CATEGORY', (key: any) => key.category],
    ['VIOLATION_ITEM', (key: any) => key.violationItem?.title],
    ['MONTH', (key: any) => key.month],
  ])('grouped by %s, the groups add up to the whole and each names its value', async (dimension, valueOf) => {
    const [total] = (await analytics(filter)).groups;
    const { groups } = await analytics(filter, [dimension]);
    expect(sum(groups, 'scoreRecords')).toBe(total.scoreRecords);
    expect(sum(groups, 'points')).toBe(total.points);
    expect(groups.filter((group) => group.scoreRecords > 0).every((group) => valueOf(group.key) != null)).toBe(true);
    expect(new Set(groups.map((group) => valueOf(group.key))).size).toBe(groups.length);
  });

  test('groups by month and kind together; a range of months keeps only its months', async () => {
    const { groups } = await analytics({ regionPrefix: '37', fromMonth: '2026-02', toMonth: '2026-03' }, ['MONTH', 'INSTITUTION_KIND']);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((group) => ['2026-02', '2026-03'].includes(group.key.month) && ['MEDICAL', 'PHARMACY'].includes(group.key.institutionKind))).toBe(true);
    const pharmacies = await analytics({ ...filter, institutionKinds: ['PHARMACY'] }, ['INSTITUTION']);
    expect(pharmacies.groups.every((group) => group.key.institution.code.startsWith('P'))).toBe(true);
  });

  test('institutions come with their names and agreements, one statement per entity type however many groups', async () => {
    const query = (regionPrefix: string) => stack.countStatements(ANALYTICS, { filter: { regionPrefix, year: 2026 }, groupBy: ['INSTITUTION'] });
    const wide = await query('37');
    const narrow = await query('3708');
    expect(wide.response.errors).toBeUndefined();
    const groups = wide.response.data.analytics.groups;
    expect(groups.length).toBeGreaterThan(narrow.response.data.analytics.groups.length);
    expect(groups.every((group: any) => group.key.institution.name && group.key.institution.agreement.status)).toBe(true);
    expect(wide.statements).toBe(narrow.statements);
  });

  test('S10: institutions over the ratio are counted for one natural year by institution, not for a range of months', async () => {
    const byInstitution = await analytics(filter, ['INSTITUTION']);
    expect(byInstitution.groups.every((group) => group.institutionsOverRatio === 0 || group.institutionsOverRatio === 1)).toBe(true);
    const byMonth = await analytics(filter, ['MONTH']);
    expect(byMonth.groups.every((group) => group.institutionsOverRatio === null)).toBe(true);
  });

  test('appeal outcomes per group add up to the appeals against the period’s scores; not by violation item, which appeals does not know', async () => {
    const appeals = stack.services.appeals.orm.em.fork().getConnection();
    const [stored] = await appeals.execute(
      `select count(*)::int as filed from appeals.appeal a join appeals.score_record_view v on v.id = a.score_record_id
        where a.region_code like '37%' and v.decided_on between '2026-01-01' and '2026-12-31'`,
    );
    const byMonth = await analytics(filter, ['MONTH']);
    expect(byMonth.groups.reduce((total, group) => total + group.appealOutcomes.filed, 0)).toBe(stored.filed);
    const byItem = await analytics(filter, ['VIOLATION_ITEM']);
    expect(byItem.groups.every((group) => group.appealOutcomes === null)).toBe(true);
  });

  test('a city agency aggregates its own city only', async () => {
    const city = { role: 'CITY_AGENCY', region: '3708' };
    expect((await analytics({ year: 2026 }, ['REGION'], city)).groups.every((group) => group.key.regionCode.startsWith('3708'))).toBe(true);
    const other = await stack.query(ANALYTICS, { filter: { regionPrefix: '3710', year: 2026 }, groupBy: [] }, city);
    expect(errorCodes(other)).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    const province = await stack.query(ANALYTICS, { filter: { regionPrefix: '37', year: 2026 }, groupBy: [] }, city);
    expect(errorCodes(province)).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
  });

  test('small cells (fewer than 3 persons) are suppressed for partners, shown to agencies', async () => {
    const agency = await analytics(filter, ['INSTITUTION']);
    const small = agency.groups.filter((group) => group.personsScored > 0 && group.personsScored < 3);
    expect(small.length).toBeGreaterThan(0);
    const partner = await analytics(filter, ['INSTITUTION'], { role: 'HEALTH_PARTNER', region: '37' });
    for (const group of small) {
      expect(partner.groups.find((g) => g.key.institution.code === group.key.institution.code)).toMatchObject({
        suppressed: true,
        personsScored: null,
        points: null,
        pointsDistribution: null,
      });
    }
    expect(partner.groups.filter((group) => group.personsScored >= 3)).toEqual(agency.groups.filter((group) => group.personsScored >= 3));
  });

  test('a period is a year or a range of months, never both nor backwards', async () => {
    for (const bad of [
      { year: 2026, fromMonth: '2026-01', toMonth: '2026-02' },
      { fromMonth: '2026-03', toMonth: '2026-01' },
      { fromMonth: '2026-13', toMonth: '2026-12' },
      {},
    ]) {
      const response = await stack.query(ANALYTICS, { filter: { regionPrefix: '37', ...bad }, groupBy: [] });
      expect(errorCodes(response)).toEqual([expect.objectContaining({ code: 'BAD_USER_INPUT' })]);
    }
  });
});

test("a forged analytics group id is the caller's mistake at appeals (BAD_USER_INPUT), never a 500", async () => {
  const selection = {
    regionPrefix: '37',
    fromMonth: '2026-01',
    toMonth: '2026-03',
    institutionKinds: null,
    personnelCategories: null,
    violationCodes: null,
    groupBy: ['REGION'],
  };
  const key = { regionCode: '370802', institutionCode: null, institutionKind: null, category: null, ruleSetId: null, violationCode: null, month: null };
  const id = (s: object, k: object = key) => Buffer.from(JSON.stringify([s, k]), 'utf8').toString('base64url');
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on AnalyticsGroup { appealOutcomes { filed } } } }`;
  const ask = async (groupId: string) =>
    (await postJson(stack.services.appeals.url, { query, variables: { r: [{ __typename: 'AnalyticsGroup', groupId }] } }, await stack.token({}))).body;
  expect((await ask(id(selection))).errors).toBeUndefined();
  for (const forged of [
    id({ ...selection, groupBy: ['toString'] }),
    id({ ...selection, fromMonth: '2026-13' }),
    id({ ...selection, toMonth: "2026-03'; --" }),
    id({ ...selection, fromMonth: '2026-04' }),
    id(selection, { ...key, regionCode: 37 }),
  ]) {
    const answer = await ask(forged);
    expect([forged, answer.errors?.[0]?.extensions?.code]).toEqual([forged, 'BAD_USER_INPUT']);
  }
});

describe('lists page instead of refusing', () => {
  test('S14: copyReportPage pages a copy report above the old limit, every record once', async () => {
    const scoring = stack.services.scoring.orm.em.fork().getConnection();
    await scoring.execute(
      `insert into scoring.score_record (id, person_code, institution_code, rule_set_id, violation_code, also_matched, responsibility, mitigation, aggravation, points, decided_on, year, year_total_after, decision_type, document_number, inspection_id, notice_id)
       select gen_random_uuid(), r.person_code, r.institution_code, r.rule_set_id, r.violation_code, r.also_matched, r.responsibility, r.mitigation, r.aggravation, r.points, '2018-06-15'::date + (g % 10), 2018, r.year_total_after, r.decision_type, r.document_number, r.inspection_id, r.notice_id
         from (select * from scoring.score_record where institution_code like 'H3710%' limit 1) r cross join generate_series(1, ?) g`,
      [MAX_COPY_REPORT_RECORDS + 1],
    );
    try {
      const page = `query($after: String) { copyReportPage(regionPrefix: "3710", from: "2018-06-01", to: "2018-06-30", first: 500, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id decidedOn } } } }`;
      const seen = new Set<string>();
      let after: string | null = null;
      let pages = 0;
      let last = '';
      for (;;) {
        const response: any = await stack.query(page, { after }, { role: 'HEALTH_PARTNER', region: '37' });
        expect(response.errors).toBeUndefined();
        const connection = response.data.copyReportPage;
        expect(connection.totalCount).toBe(MAX_COPY_REPORT_RECORDS + 1);
        for (const { node } of connection.edges) {
          expect(node.decidedOn >= last).toBe(true);
          last = node.decidedOn;
          seen.add(node.id);
        }
        pages++;
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(seen.size).toBe(MAX_COPY_REPORT_RECORDS + 1);
      expect(pages).toBe(Math.ceil((MAX_COPY_REPORT_RECORDS + 1) / 500));
      const bad = await stack.query(page, { after: 'bm90LWEtY3Vyc29y' });
      expect(errorCodes(bad)).toEqual([expect.objectContaining({ code: 'INVALID_CURSOR' })]);
    } finally {
      await scoring.execute(`delete from scoring.score_record where year = 2018`);
    }
  });

  test('S14: a copy report is a bulk read, audited once per call like an export, scoped to its region', async () => {
    const log = async (region: string) =>
      (
        await stack.query(`{ scoringAuditLog(first: 500) { edges { node { operation target } } } }`, {}, { role: 'ADMINISTRATION', region })
      ).data.scoringAuditLog.edges
        .map((e: any) => e.node)
        .filter((entry: any) => entry.operation.startsWith('copyReport'));
    const before = (await log('3708')).length;
    const partner = { role: 'HEALTH_PARTNER' as const, region: '3708' };
    const whole = await stack.query(`{ copyReport(regionPrefix: "3708", from: "2026-01-01", to: "2026-12-31") { id } }`, {}, partner);
    expect(whole.errors).toBeUndefined();
    const paged = await stack.query(
      `{ copyReportPage(regionPrefix: "3708", from: "2026-01-01", to: "2026-12-31", first: 1) { edges { node { id } } } }`,
      {},
      partner,
    );
    expect(paged.errors).toBeUndefined();
    const entries = (await log('3708')).slice(0, (await log('3708')).length - before);
    expect(entries.map((entry: any) => entry.operation).sort()).toEqual(['copyReport', 'copyReportPage']);
    expect(entries).toEqual(
      expect.arrayContaining([{ operation: 'copyReport', target: `3708 2026-01-01..2026-12-31: ${whole.data.copyReport.length} records` }]),
    );
    expect(await log('44')).toEqual([]);
  });

  test('designationQueuePage pages the whole work queue in the order of the old list', async () => {
    const whole = await stack.query(`{ designationQueue(regionPrefix: "37") { id } }`);
    expect(whole.errors).toBeUndefined();
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const response: any = await stack.query(
        `query($after: String) { designationQueuePage(regionPrefix: "37", first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { after },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data.designationQueuePage.totalCount).toBe(whole.data.designationQueue.length);
      ids.push(...response.data.designationQueuePage.edges.map((edge: any) => edge.node.id));
      if (!response.data.designationQueuePage.pageInfo.hasNextPage) break;
      after = response.data.designationQueuePage.pageInfo.endCursor;
    }
    expect(ids).toEqual(whole.data.designationQueue.map((a: any) => a.id));
  });
});
