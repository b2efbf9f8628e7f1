import { analyticsPeriod, POINT_BUCKETS, ratioYear } from './analytics';

describe('points distribution buckets — S7 thresholds (002 art.29; Jining 000 form 2 §五)', () => {
  test('the buckets cover every year total from 1 without gaps, the last open', () => {
    expect(POINT_BUCKETS).toEqual([
      { from: 1, to: 2 },
      { from: 3, to: 5 },
      { from: 6, to: 8 },
      { from: 9, to: 11 },
      { from: 12, to: null },
    ]);
  });

  test.each([
    ['S7 9–11: the national suspension is one bucket', 9, 11],
    ['S7 12 or more: termination is the open bucket', 12, null],
    ['Jining 6–8: its 3-month suspension is one bucket', 6, 8],
  ])('%s', (_rule, from, to) => expect(POINT_BUCKETS).toContainEqual({ from, to }));
});

describe('analytics period — S6 natural year or whole months', () => {
  test.each([
    ['a natural year (S6)', { year: 2026 }, { fromMonth: '2026-01', toMonth: '2026-12' }],
    ['a range of months', { fromMonth: '2025-11', toMonth: '2026-02' }, { fromMonth: '2025-11', toMonth: '2026-02' }],
  ])('%s', (_case, filter, period) => expect(analyticsPeriod(filter)).toEqual(period));

  test.each([
    ['both a year and months', { year: 2026, fromMonth: '2026-01', toMonth: '2026-02' }, 'year'],
    ['neither', {}, 'year'],
    ['backwards', { fromMonth: '2026-03', toMonth: '2026-01' }, 'toMonth'],
    ['not a month', { fromMonth: '2026-13', toMonth: '2026-12' }, 'fromMonth'],
    ['longer than 60 months', { fromMonth: '2020-01', toMonth: '2025-01' }, 'toMonth'],
  ])('refuses %s', (_case, filter, field) =>
    expect(() => analyticsPeriod(filter)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field } })),
  );
});

describe('S10 ratio in analytics (002 art.30): a yearly share over whole institutions', () => {
  const whole = { personnelCategories: null, violationCodes: null };
  test.each([
    ['one natural year by institution', { fromMonth: '2026-01', toMonth: '2026-12' }, ['INSTITUTION'], whole, 2026],
    ['one natural year by region and kind', { fromMonth: '2026-01', toMonth: '2026-12' }, ['REGION', 'INSTITUTION_KIND'], whole, 2026],
    ['not for part of a year', { fromMonth: '2026-01', toMonth: '2026-06' }, ['INSTITUTION'], whole, null],
    ['not by month', { fromMonth: '2026-01', toMonth: '2026-12' }, ['MONTH'], whole, null],
    ['not for some categories only', { fromMonth: '2026-01', toMonth: '2026-12' }, [], { personnelCategories: ['DOCTOR'], violationCodes: null }, null],
  ])('%s', (_case, period, groupBy, filter, year) => expect(ratioYear(period, groupBy, filter)).toBe(year));
});
