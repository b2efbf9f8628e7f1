import { RegistrationStatus } from './personnel';
import { deriveStatus, MeasureCause, PersonCauses, RegistrationCause, SanctionCause } from './status';

const { NORMAL, SUSPENDED, TERMINATED, CANCELLED } = RegistrationStatus;

const A = 'H37080200090';
const B = 'H37100200015';
const at = (institutionCode: string, registeredOn = '2026-01-05', extra: Partial<RegistrationCause> = {}): RegistrationCause => ({
  id: `${institutionCode}@${registeredOn}`,
  institutionCode,
  registeredOn,
  cancelledOn: null,
  cancelReason: null,
  ...extra,
});
let sequence = 0;
const sanction = (kind: SanctionCause['kind'], from: string, extra: Partial<SanctionCause> = {}): SanctionCause => ({
  id: `s${++sequence}`,
  kind,
  from,
  decidedOn: from,
  sequence,
  liftedOn: null,
  annulledOn: null,
  reRegistrationBlockedUntil: null,
  basisDocument: `doc-${sequence}`,
  label: kind.toLowerCase(),
  ...extra,
});
const measure = (action: MeasureCause['action'], institutionCode: string, effectiveOn: string, extra: Partial<MeasureCause> = {}): MeasureCause => ({
  id: `m${++sequence}`,
  institutionCode,
  action,
  effectiveOn,
  sequence,
  department: null,
  namesPerson: true,
  allStaff: false,
  reason: 'inspection',
  basisDocument: null,
  ...extra,
});

/** The status of each registration on `day` and the person's status on `today`. */
function statuses(causes: PersonCauses, day: string, today = day) {
  const derived = deriveStatus(causes, today);
  const on = (id: string) => {
    const stretch = derived.registrations.get(id)!.stretches.find((s) => s.from <= day && (s.to === null || day < s.to));
    return stretch ? { status: stretch.status, afterReview: stretch.statusAfterReview, annulled: stretch.annulled } : null;
  };
  return {
    person: derived.status,
    ban: derived.reRegistrationBlockedUntil,
    at: Object.fromEntries(causes.registrations.map((r) => [r.institutionCode, on(r.id)?.status])),
    on,
  };
}

describe('deriveStatus — one derivation of status from all causes', () => {
  test.each<[string, PersonCauses, string, { person: RegistrationStatus; at: Record<string, RegistrationStatus | undefined> }]>([
    [
      '002 art.16: a first registration is normal',
      { registrations: [at(A)], sanctions: [], measures: [] },
      '2026-02-01',
      { person: NORMAL, at: { [A]: NORMAL } },
    ],
    [
      '002 art.34 ¶2: a suspension applies at every site',
      { registrations: [at(A), at(B)], sanctions: [sanction('SUSPENSION', '2026-03-01')], measures: [] },
      '2026-03-02',
      { person: SUSPENDED, at: { [A]: SUSPENDED, [B]: SUSPENDED } },
    ],
    [
      '002 art.39: the status does not return by itself when the period ends',
      { registrations: [at(A)], sanctions: [sanction('SUSPENSION', '2026-03-01', { reRegistrationBlockedUntil: null })], measures: [] },
      '2026-12-01',
      { person: SUSPENDED, at: { [A]: SUSPENDED } },
    ],
    [
      '002 art.39: an approved restoration after a suspension makes every site normal again',
      { registrations: [at(A), at(B)], sanctions: [sanction('SUSPENSION', '2026-03-01', { liftedOn: '2026-04-10' })], measures: [] },
      '2026-04-10',
      { person: NORMAL, at: { [A]: NORMAL, [B]: NORMAL } },
    ],
    [
      '002 art.39: after a termination a restored person needs a new registration; the old ones stay terminated',
      { registrations: [at(A), at(B, '2027-05-01')], sanctions: [sanction('TERMINATION', '2026-03-01', { liftedOn: '2027-04-01' })], measures: [] },
      '2027-05-02',
      { person: NORMAL, at: { [A]: TERMINATED, [B]: NORMAL } },
    ],
    [
      '002 art.29: a termination replaces a running suspension',
      { registrations: [at(A)], sanctions: [sanction('SUSPENSION', '2026-03-01'), sanction('TERMINATION', '2026-05-01')], measures: [] },
      '2026-05-01',
      { person: TERMINATED, at: { [A]: TERMINATED } },
    ],
    [
      '002 art.29: a replaced suspension does not come back when its replacement is restored',
      {
        registrations: [at(A), at(B, '2027-06-01')],
        sanctions: [sanction('SUSPENSION', '2026-03-01'), sanction('TERMINATION', '2026-05-01', { liftedOn: '2027-05-01' })],
        measures: [],
      },
      '2027-06-01',
      { person: NORMAL, at: { [A]: TERMINATED, [B]: NORMAL } },
    ],
    [
      '002 art.44: a suspension annulled on appeal no longer holds the person',
      { registrations: [at(A)], sanctions: [sanction('SUSPENSION', '2026-03-01', { annulledOn: '2026-03-20' })], measures: [] },
      '2026-03-20',
      { person: NORMAL, at: { [A]: NORMAL } },
    ],
    [
      '002 art.34 ¶4 with ¶2: a responsible person follows the agreement suspension at every site',
      { registrations: [at(A), at(B)], sanctions: [], measures: [measure('SUSPEND', A, '2026-03-01')] },
      '2026-03-01',
      { person: SUSPENDED, at: { [A]: SUSPENDED, [B]: SUSPENDED } },
    ],
    [
      '002 art.34 ¶4: a person not responsible stays normal and keeps working elsewhere',
      { registrations: [at(A), at(B)], sanctions: [], measures: [measure('SUSPEND', A, '2026-03-01', { namesPerson: false })] },
      '2026-03-01',
      { person: NORMAL, at: { [A]: NORMAL, [B]: NORMAL } },
    ],
    [
      "002 art.34 ¶4: the agreement resumed ends the responsible person's suspension everywhere",
      {
        registrations: [at(A), at(B)],
        sanctions: [],
        measures: [measure('SUSPEND', A, '2026-03-01'), measure('RESUME', A, '2026-04-01', { namesPerson: false })],
      },
      '2026-04-01',
      { person: NORMAL, at: { [A]: NORMAL, [B]: NORMAL } },
    ],
    [
      '002 art.34 ¶4: the agreement resumed leaves a sanction that holds the person on its own',
      {
        registrations: [at(A)],
        sanctions: [sanction('SUSPENSION', '2026-03-15')],
        measures: [measure('SUSPEND', A, '2026-03-01'), measure('RESUME', A, '2026-04-01', { namesPerson: false })],
      },
      '2026-04-01',
      { person: SUSPENDED, at: { [A]: SUSPENDED } },
    ],
    [
      '002 art.34 ¶4: a terminated agreement terminates the responsible person at every site',
      {
        registrations: [at(A), at(B)],
        sanctions: [],
        measures: [measure('SUSPEND', A, '2026-03-01'), measure('TERMINATE', A, '2026-04-01', { namesPerson: false })],
      },
      '2026-04-01',
      { person: TERMINATED, at: { [A]: TERMINATED, [B]: TERMINATED } },
    ],
    [
      '002 art.34 ¶4: a department (科室) suspension reaches the persons it names',
      {
        registrations: [at(A), at(B)],
        sanctions: [],
        measures: [
          measure('SUSPEND', A, '2026-03-01', { department: 'cardiology' }),
          measure('RESUME', A, '2026-03-10', { department: 'surgery', namesPerson: false }),
        ],
      },
      '2026-03-10',
      { person: SUSPENDED, at: { [A]: SUSPENDED, [B]: SUSPENDED } },
    ],
    [
      '004 art.15: all agreement doctors follow the institution — at that institution only',
      { registrations: [at(A), at(B)], sanctions: [], measures: [measure('SUSPEND', A, '2026-03-01', { namesPerson: false, allStaff: true })] },
      '2026-03-01',
      { person: NORMAL, at: { [A]: SUSPENDED, [B]: NORMAL } },
    ],
    [
      '002 art.18: a cancelled registration stays cancelled whatever follows',
      { registrations: [at(A, '2026-01-05', { cancelledOn: '2026-02-01' }), at(B)], sanctions: [sanction('SUSPENSION', '2026-03-01')], measures: [] },
      '2026-03-01',
      { person: SUSPENDED, at: { [A]: CANCELLED, [B]: SUSPENDED } },
    ],
    [
      '002 art.18: a person whose registrations are all cancelled is cancelled',
      { registrations: [at(A, '2026-01-05', { cancelledOn: '2026-02-01' })], sanctions: [], measures: [] },
      '2026-02-01',
      { person: CANCELLED, at: { [A]: CANCELLED } },
    ],
  ])('%s', (_rule, causes, day, expected) => {
    const { person, at: byInstitution } = statuses(causes, day);
    expect({ person, at: byInstitution }).toEqual(expected);
  });

  test('002 art.44, 47–48: the enforced days of an annulled suspension stay in the history, marked annulled', () => {
    const causes: PersonCauses = { registrations: [at(A)], sanctions: [sanction('SUSPENSION', '2026-03-01', { annulledOn: '2026-03-20' })], measures: [] };
    const { on } = statuses(causes, '2026-03-25');
    expect(on(at(A).id)).toEqual({ status: NORMAL, afterReview: NORMAL, annulled: false });
    const during = statuses(causes, '2026-03-10', '2026-03-25').on(at(A).id);
    expect(during).toEqual({ status: SUSPENDED, afterReview: NORMAL, annulled: true });
  });

  test('002 art.44: a termination changed on appeal to a suspension — enforced as terminated until the appeal, suspended after review', () => {
    const termination = sanction('TERMINATION', '2026-03-01', { annulledOn: '2026-04-01' });
    const suspension = sanction('SUSPENSION', '2026-03-01', { decidedOn: '2026-04-01' });
    const causes: PersonCauses = { registrations: [at(A)], sanctions: [termination, suspension], measures: [] };
    const derived = statuses(causes, '2026-03-10', '2026-04-02');
    // Not refundable: after review the person was still suspended on those days.
    expect(derived.on(at(A).id)).toEqual({ status: TERMINATED, afterReview: SUSPENDED, annulled: false });
    expect(derived.person).toBe(SUSPENDED);
    expect(statuses(causes, '2026-04-02').on(at(A).id)).toEqual({ status: SUSPENDED, afterReview: SUSPENDED, annulled: false });
  });

  test('002 art.39, 44: restored, then annulled on appeal — normal from the restoration as enforced, refundable before it', () => {
    const causes: PersonCauses = {
      registrations: [at(A)],
      sanctions: [sanction('SUSPENSION', '2026-02-20', { liftedOn: '2026-03-12', annulledOn: '2026-03-16' })],
      measures: [],
    };
    expect(statuses(causes, '2026-03-01', '2026-03-20').on(at(A).id)).toEqual({ status: SUSPENDED, afterReview: NORMAL, annulled: true });
    expect(statuses(causes, '2026-03-13', '2026-03-20').on(at(A).id)).toEqual({ status: NORMAL, afterReview: NORMAL, annulled: false });
  });

  test('002 art.34 ¶4: a department whose settlement ended (G14) suspends the persons it names; it does not terminate them', () => {
    const causes: PersonCauses = {
      registrations: [at(A), at(B)],
      sanctions: [],
      measures: [measure('TERMINATE', A, '2026-03-01', { department: 'cardiology' })],
    };
    expect(statuses(causes, '2026-03-01')).toMatchObject({ person: SUSPENDED, at: { [A]: SUSPENDED, [B]: SUSPENDED } });
  });

  test("002 art.34 ¶4: a measure holds only the institution's own people — a name never registered there holds nobody", () => {
    const causes: PersonCauses = { registrations: [at(B)], sanctions: [], measures: [measure('SUSPEND', A, '2026-03-01')] };
    expect(statuses(causes, '2026-03-01')).toMatchObject({ person: NORMAL, at: { [B]: NORMAL } });
  });

  test('002 art.29, 004 art.14: a termination bars new registration; an annulled one does not', () => {
    const ban = { reRegistrationBlockedUntil: '2027-02-28' };
    expect(statuses({ registrations: [at(A)], sanctions: [sanction('TERMINATION', '2026-03-01', ban)], measures: [] }, '2026-03-01').ban).toBe('2027-02-28');
    expect(
      statuses({ registrations: [at(A)], sanctions: [sanction('TERMINATION', '2026-03-01', { ...ban, annulledOn: '2026-03-05' })], measures: [] }, '2026-03-05')
        .ban,
    ).toBeNull();
  });

  test('R11: the history is a sequence of stretches, each closed where the next begins', () => {
    const causes: PersonCauses = { registrations: [at(A)], sanctions: [sanction('SUSPENSION', '2026-03-01', { liftedOn: '2026-04-10' })], measures: [] };
    const stretches = deriveStatus(causes, '2026-05-01').registrations.get(at(A).id)!.stretches;
    expect(stretches.map((s) => [s.status, s.from, s.to])).toEqual([
      [NORMAL, '2026-01-05', '2026-03-01'],
      [SUSPENDED, '2026-03-01', '2026-04-10'],
      [NORMAL, '2026-04-10', null],
    ]);
  });
});
