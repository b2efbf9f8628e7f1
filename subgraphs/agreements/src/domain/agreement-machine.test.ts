import { AgreementStatus } from './institution';
import {
  AgreementAction,
  agreementAction,
  AgreementRecord,
  AgreementState,
  effectiveStatus,
  measuredAgreement,
  renewedValidity,
  suspensionOverdue,
  TerminationTrigger,
} from './agreement-machine';

const TODAY = '2026-03-16';
const active: AgreementState = { status: AgreementStatus.ACTIVE, validUntil: '2026-12-31', renewalPending: false, suspensionCount: 0 };
const suspended: AgreementState = { ...active, status: AgreementStatus.SUSPENDED, suspensionCount: 1 };
const request = (action: AgreementAction, extra: object = {}) => ({ action, today: TODAY, effectiveOn: TODAY, ...extra });

describe('agreement transitions — allowed (G9, G12–G14)', () => {
  test.each([
    ['G12 an active agreement is suspended', active, request(AgreementAction.SUSPEND), AgreementStatus.SUSPENDED, false],
    [
      'G12 a suspension asked by the institution for 180 days',
      active,
      request(AgreementAction.SUSPEND, { requestedDays: 180 }),
      AgreementStatus.SUSPENDED,
      false,
    ],
    [
      'G13 a second suspension within the validity flags termination',
      { ...active, suspensionCount: 1 },
      request(AgreementAction.SUSPEND),
      AgreementStatus.SUSPENDED,
      true,
    ],
    [
      'G14 a department is suspended, the agreement stays active',
      active,
      request(AgreementAction.SUSPEND, { department: '心内科' }),
      AgreementStatus.ACTIVE,
      false,
    ],
    ['G12 a suspended agreement resumes while valid', suspended, request(AgreementAction.RESUME), AgreementStatus.ACTIVE, false],
    [
      'G12 resuming after the validity ended leaves it expired',
      { ...suspended, validUntil: '2026-03-01' },
      request(AgreementAction.RESUME),
      AgreementStatus.EXPIRED,
      false,
    ],
    ['G13 terminated for fraud', active, request(AgreementAction.TERMINATE, { trigger: TerminationTrigger.FRAUD }), AgreementStatus.TERMINATED, false],
    [
      'G13 a suspended agreement terminated after 180 days',
      suspended,
      request(AgreementAction.TERMINATE, { trigger: TerminationTrigger.SUSPENSION_OVER_180_DAYS }),
      AgreementStatus.TERMINATED,
      false,
    ],
    [
      'G13 a private institution asks 3 months ahead',
      active,
      request(AgreementAction.TERMINATE, { trigger: TerminationTrigger.INSTITUTION_REQUEST, effectiveOn: '2026-06-16' }),
      AgreementStatus.TERMINATED,
      false,
    ],
  ] as const)('%s', (_rule, state, req, status, flags) => {
    expect(agreementAction(state, req)).toEqual({ ok: true, status, renewalPending: false, flagsTermination: flags });
  });

  test('G9 renewal from 3 months before expiry keeps the agreement valid while pending', () => {
    const state = { ...active, validUntil: '2026-05-31' };
    expect(agreementAction(state, request(AgreementAction.REQUEST_RENEWAL))).toEqual({
      ok: true,
      status: AgreementStatus.ACTIVE,
      renewalPending: true,
      flagsTermination: false,
    });
    expect(effectiveStatus({ ...state, renewalPending: true }, '2026-06-10')).toBe(AgreementStatus.ACTIVE);
    expect(effectiveStatus(state, '2026-06-10')).toBe(AgreementStatus.EXPIRED);
    expect(renewedValidity('2026-05-31')).toEqual({ validFrom: '2026-06-01', validUntil: '2027-05-31' });
  });

  test('G12 a suspension is overdue after 180 days', () => {
    expect(suspensionOverdue('2025-09-01', '2026-02-28')).toBe(false);
    expect(suspensionOverdue('2025-09-01', '2026-03-01')).toBe(true);
  });
});

describe('agreement transitions — refused', () => {
  test.each([
    ['a suspended agreement is not suspended again', suspended, request(AgreementAction.SUSPEND), 'INVALID_STATE'],
    ['G12 more than 180 days cannot be asked for', active, request(AgreementAction.SUSPEND, { requestedDays: 181 }), 'BAD_USER_INPUT'],
    ['only a suspended agreement resumes', active, request(AgreementAction.RESUME), 'INVALID_STATE'],
    ['a termination names its trigger', active, request(AgreementAction.TERMINATE), 'BAD_USER_INPUT'],
    [
      'G13 a public institution may not ask to terminate',
      active,
      request(AgreementAction.TERMINATE, { trigger: TerminationTrigger.INSTITUTION_REQUEST, publicInstitution: true, effectiveOn: '2026-07-01' }),
      'INVALID_STATE',
    ],
    [
      'G13 an institution asks 3 months ahead',
      active,
      request(AgreementAction.TERMINATE, { trigger: TerminationTrigger.INSTITUTION_REQUEST, effectiveOn: '2026-05-01' }),
      'DEADLINE_PASSED',
    ],
    ['a terminated agreement stays terminated', { ...active, status: AgreementStatus.TERMINATED }, request(AgreementAction.RESUME), 'INVALID_STATE'],
    ['G9 renewal is not asked more than 3 months ahead', active, request(AgreementAction.REQUEST_RENEWAL), 'INVALID_STATE'],
    ['an expired agreement is not suspended', { ...active, validUntil: '2026-03-01' }, request(AgreementAction.SUSPEND), 'INVALID_STATE'],
    ['no renewal decision without a request', active, request(AgreementAction.RENEW), 'INVALID_STATE'],
  ] as const)('%s', (_rule, state, req, code) => {
    expect(agreementAction(state, req)).toMatchObject({ ok: false, code });
  });
});

describe('what a measure makes of the agreement (G12–G14, E3)', () => {
  const record: AgreementRecord = { ...active, statusSince: '2026-01-01', suspendedSince: null };
  const measure = (action: AgreementAction, extra: object = {}) => ({ action, effectiveOn: '2026-03-20', ...extra });
  test.each<[string, AgreementRecord, ReturnType<typeof measure>, { status: AgreementStatus; renewalPending: boolean }, Partial<AgreementRecord>]>([
    [
      'G12 a suspension starts on its effective day and counts within the validity',
      record,
      measure(AgreementAction.SUSPEND),
      { status: AgreementStatus.SUSPENDED, renewalPending: false },
      { status: AgreementStatus.SUSPENDED, statusSince: '2026-03-20', suspendedSince: '2026-03-20', suspensionCount: 1 },
    ],
    [
      'G12 a resumption ends the suspension, the count stays',
      { ...record, status: AgreementStatus.SUSPENDED, statusSince: '2026-02-01', suspendedSince: '2026-02-01', suspensionCount: 1 },
      measure(AgreementAction.RESUME),
      { status: AgreementStatus.ACTIVE, renewalPending: false },
      { status: AgreementStatus.ACTIVE, statusSince: '2026-03-20', suspendedSince: null, suspensionCount: 1 },
    ],
    [
      'G13 a termination ends a running suspension',
      { ...record, status: AgreementStatus.SUSPENDED, suspendedSince: '2026-02-01', suspensionCount: 1 },
      measure(AgreementAction.TERMINATE),
      { status: AgreementStatus.TERMINATED, renewalPending: false },
      { status: AgreementStatus.TERMINATED, statusSince: '2026-03-20', suspendedSince: null, suspensionCount: 1 },
    ],
    [
      "G14 a department's suspension leaves the agreement as it is",
      record,
      measure(AgreementAction.SUSPEND, { department: '心内科' }),
      { status: AgreementStatus.ACTIVE, renewalPending: false },
      {},
    ],
    [
      'G9 a renewal asked for: same status since the same day, pending',
      record,
      measure(AgreementAction.REQUEST_RENEWAL),
      { status: AgreementStatus.ACTIVE, renewalPending: true },
      { renewalPending: true },
    ],
    [
      'G9 a resumption after the validity ended stores active: expiry is derived each day',
      { ...record, status: AgreementStatus.SUSPENDED, suspendedSince: '2026-02-01' },
      measure(AgreementAction.RESUME),
      { status: AgreementStatus.EXPIRED, renewalPending: false },
      { status: AgreementStatus.ACTIVE, statusSince: '2026-03-20', suspendedSince: null },
    ],
  ])('%s', (_rule, agreement, taken, outcome, changed) => {
    expect(measuredAgreement(agreement, taken, outcome)).toEqual({ ...agreement, ...changed });
  });
});
