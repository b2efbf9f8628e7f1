import { systemClock } from './clock';

describe('systemClock.today: the date in China (UTC+8), worked out once a day', () => {
  afterEach(() => jest.useRealTimers());

  test.each([
    ['2026-06-30T15:59:59.999Z', '2026-06-30'],
    ['2026-06-30T16:00:00.000Z', '2026-07-01'],
    ['2026-07-01T15:59:59.999Z', '2026-07-01'],
    // The machine's clock set back: the day it names again.
    ['2026-06-29T16:00:00.000Z', '2026-06-30'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
  ])('at %s it is %s', (instant, date) => {
    jest.useFakeTimers({ now: new Date(instant) });
    expect(systemClock.today()).toBe(date);
  });

  test('asked again within the day, the same date; at midnight the next one', () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T10:00:00.000Z') });
    expect(systemClock.today()).toBe('2026-03-01');
    jest.setSystemTime(new Date('2026-03-01T15:59:59.999Z'));
    expect(systemClock.today()).toBe('2026-03-01');
    jest.setSystemTime(new Date('2026-03-01T16:00:00.000Z'));
    expect(systemClock.today()).toBe('2026-03-02');
  });
});
