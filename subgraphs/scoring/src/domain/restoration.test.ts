import { WorkingDayCalendar } from '@pq/time/files';
import { restorationDecisionProblem, restorationProblem, RestorationStatus } from './restoration';

const calendar = new WorkingDayCalendar();
const suspension = { kind: 'SUSPENSION' as const, until: '2026-06-30' };
const facts = { sanction: suspension, hasOpenApplication: false, appliedOn: '2026-06-10', today: '2026-06-10' };

describe('restorationProblem — S13 (002 art.39)', () => {
  test.each<[string, Partial<typeof facts> & { sanction?: typeof suspension | { kind: 'TERMINATION'; until: string | null } | null }, string | null]>([
    [
      '002 art.39: 15 working days before the period ends the window is open (the Dragon Boat holiday of 19 June not counted)',
      { appliedOn: '2026-06-08', today: '2026-06-08' },
      null,
    ],
    ['002 art.39: the day before the window opens is refused, saying when it opens', { appliedOn: '2026-06-05', today: '2026-06-05' }, 'INVALID_STATE'],
    [
      '002 art.39, form 3: after the period ends the window stays open — the status does not return by itself',
      { appliedOn: '2026-09-01', today: '2026-09-01' },
      null,
    ],
    ['a termination without an end date can be applied for at any time', { sanction: { kind: 'TERMINATION', until: null } }, null],
    ['nothing in force to restore from', { sanction: null }, 'INVALID_STATE'],
    ['one application at a time', { hasOpenApplication: true }, 'INVALID_STATE'],
    ['an application dated in the future', { appliedOn: '2026-06-11' }, 'BAD_USER_INPUT'],
  ])('%s', (_rule, change, expected) => {
    expect(restorationProblem({ ...facts, ...change } as never, calendar)?.code ?? null).toBe(expected);
  });

  test('the refusal says the day the window opens', () => {
    expect(restorationProblem({ ...facts, appliedOn: '2026-06-05', today: '2026-06-05' }, calendar)).toMatchObject({ opensOn: '2026-06-08' });
  });

  test('002 art.39: the agency decides an application once', () => {
    expect(restorationDecisionProblem(RestorationStatus.APPLIED)).toBeNull();
    expect(restorationDecisionProblem(RestorationStatus.APPROVED)).toMatch(/already approved/);
  });
});
