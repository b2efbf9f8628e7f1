import { agreementStatusChange, ChangeKind, statusChanges } from './change-feed';
import { RegistrationStatus } from './personnel';
import { deriveStatus, PersonCauses } from './status';

const { NORMAL, SUSPENDED } = RegistrationStatus;
const A = 'H37080200090';
const B = 'H37100200015';
const TODAY = '2026-03-16';

// R5–R6: a suspension holds at every site from its first day; the feed dates each change by it.
const causes = (sanctionFrom: string): PersonCauses => ({
  registrations: [
    { id: 'ra', institutionCode: A, registeredOn: '2026-01-05', cancelledOn: null, cancelReason: null },
    { id: 'rb', institutionCode: B, registeredOn: '2026-01-05', cancelledOn: null, cancelReason: null },
  ],
  sanctions: [
    {
      id: 's1',
      kind: 'SUSPENSION',
      from: sanctionFrom,
      decidedOn: sanctionFrom,
      sequence: 1,
      liftedOn: null,
      annulledOn: null,
      reRegistrationBlockedUntil: null,
      basisDocument: '威医保罚〔2026〕2号',
      label: 'suspension',
    },
  ],
  measures: [],
});

test.each([
  {
    case: 'R5–R6: a suspension in force changes every registration and the person, dated by its first day and its decision',
    from: '2026-03-10',
    changed: { person: true, registrations: ['ra', 'rb'] },
    expected: [
      { kind: ChangeKind.REGISTRATION_STATUS_CHANGED, effectiveOn: '2026-03-10', basisDocument: '威医保罚〔2026〕2号', institutionCode: A },
      { kind: ChangeKind.REGISTRATION_STATUS_CHANGED, effectiveOn: '2026-03-10', basisDocument: '威医保罚〔2026〕2号', institutionCode: B },
      { kind: ChangeKind.PERSON_STATUS_CHANGED, effectiveOn: '2026-03-10', basisDocument: '威医保罚〔2026〕2号', institutionCode: null },
    ],
  },
  {
    case: 'a status stored unchanged records nothing, however the history was derived',
    from: '2026-03-10',
    changed: { person: false, registrations: [] },
    expected: [],
  },
  {
    case: 'E3: a suspension from a later day has not changed today’s status: the stretch in force today dates what changed',
    from: '2026-04-01',
    changed: { person: false, registrations: ['ra'] },
    expected: [{ kind: ChangeKind.REGISTRATION_STATUS_CHANGED, effectiveOn: '2026-01-05', basisDocument: null, institutionCode: A }],
  },
])('$case', ({ from, changed, expected }) => {
  const derived = deriveStatus(causes(from), TODAY);
  const transitions = {
    person: changed.person ? { previous: NORMAL, status: derived.status } : undefined,
    registrations: new Map(
      changed.registrations.map((id) => [id, { previous: NORMAL, status: derived.registrations.get(id)!.status, institutionCode: id === 'ra' ? A : B }]),
    ),
  };
  const changes = statusChanges('D371002000501', derived, transitions, TODAY);
  expect(changes.map(({ kind, effectiveOn, basisDocument, institutionCode }) => ({ kind, effectiveOn, basisDocument, institutionCode }))).toEqual(expected);
  expect(changes.every((c) => c.sourceEventId === null && c.personCode === 'D371002000501')).toBe(true);
  if (changed.person) expect(changes.at(-1)!.details).toMatchObject({ previousStatus: NORMAL, status: SUSPENDED });
});

// G1, E3: an agreement's status or validity changes reach the feed once, dated by when they take effect.
test.each([
  ['first agreement', null, { status: 'ACTIVE', validFrom: '2026-01-01', validUntil: '2026-12-31' }, '2026-01-01'],
  [
    'the same facts again',
    { status: 'ACTIVE', validFrom: '2026-01-01', validUntil: '2026-12-31' },
    { status: 'ACTIVE', validFrom: '2026-01-01', validUntil: '2026-12-31', statusSince: '2026-01-01' },
    null,
  ],
  [
    'suspended',
    { status: 'ACTIVE', validFrom: '2026-01-01', validUntil: '2026-12-31' },
    { status: 'SUSPENDED', validFrom: '2026-01-01', validUntil: '2026-12-31', statusSince: '2026-03-16' },
    '2026-03-16',
  ],
  [
    'validity extended',
    { status: 'ACTIVE', validFrom: '2026-01-01', validUntil: '2026-12-31' },
    { status: 'ACTIVE', validFrom: '2026-01-01', validUntil: '2027-12-31' },
    '2027-01-01',
  ],
  [
    'renewed: a new agreement',
    { status: 'ACTIVE', validFrom: '2026-01-01', validUntil: '2026-12-31' },
    { status: 'ACTIVE', validFrom: '2027-01-01', validUntil: '2027-12-31' },
    '2027-01-01',
  ],
])('%s', (_, previous, current, effectiveOn) => {
  const change = agreementStatusChange('P37100209001', previous, current);
  expect(change && change.effectiveOn).toBe(effectiveOn);
  if (change) expect(change).toMatchObject({ kind: ChangeKind.AGREEMENT_STATUS_CHANGED, institutionCode: 'P37100209001', personCode: null });
});
