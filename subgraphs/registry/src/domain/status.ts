import type { IsoDate } from '@pq/time';
import { RegistrationStatus } from './personnel';

const { NORMAL, SUSPENDED, TERMINATED, CANCELLED } = RegistrationStatus;

/** A person-level suspension or termination decided by scoring (S7), as registry learned it. */
export interface SanctionCause {
  id: string;
  kind: 'SUSPENSION' | 'TERMINATION';
  /** First day it applies. */
  from: IsoDate;
  /** The day the decision that put it in force was made: from then on it was enforced. */
  decidedOn: IsoDate;
  /** The order registry learned of it: breaks ties between decisions of one day. */
  sequence: number;
  /** Restored (S13) from this day; null while in force. */
  liftedOn: IsoDate | null;
  /** Annulled (A4) on this day: it never should have applied, so once known it drops out altogether. */
  annulledOn: IsoDate | null;
  reRegistrationBlockedUntil: IsoDate | null;
  basisDocument: string;
  label: string;
}

/** A measure on an institution's agreement or on one of its departments (G12–G14), as it bears on one person (R7). */
export interface MeasureCause {
  id: string;
  institutionCode: string;
  action: 'SUSPEND' | 'RESUME' | 'TERMINATE';
  effectiveOn: IsoDate;
  sequence: number;
  /** A department-level measure (G14); null for the whole agreement. */
  department: string | null;
  /** The person is named responsible: the measure holds them at every site (002 art.34 ¶2, ¶4). */
  namesPerson: boolean;
  /** Zhoushan (004 art.15): every agreement doctor of the institution follows its agreement — at that institution. */
  allStaff: boolean;
  reason: string;
  basisDocument: string | null;
}

export interface RegistrationCause {
  id: string;
  institutionCode: string;
  registeredOn: IsoDate;
  cancelledOn: IsoDate | null;
  cancelReason: string | null;
}

/** Everything that bears on one person's payment qualification. */
export interface PersonCauses {
  registrations: RegistrationCause[];
  sanctions: SanctionCause[];
  measures: MeasureCause[];
}

type HeldStatus = RegistrationStatus.SUSPENDED | RegistrationStatus.TERMINATED;

/** Why a person or a registration is not normal. */
export interface Hold {
  status: HeldStatus;
  cause: string;
  basisDocument: string | null;
}

/** One stretch of a registration's status: [from, to), `to` null while open. */
export interface StatusStretch {
  from: IsoDate;
  to: IsoDate | null;
  /** The status enforced on those days, as known on each of them (E3). */
  status: RegistrationStatus;
  /** The status on those days once every later decision is known (appeals, re-derived sanctions). */
  statusAfterReview: RegistrationStatus;
  /** A suspension or termination enforced on those days that review found should not have held: refundable (002 art.44, 47–48). */
  annulled: boolean;
  cause: string;
  basisDocument: string | null;
}

export interface DerivedStatus {
  /** Person-level status today (R3, R5). */
  status: RegistrationStatus;
  reRegistrationBlockedUntil: IsoDate | null;
  registrations: Map<string, { status: RegistrationStatus; stretches: StatusStretch[] }>;
}

/** What is known on a day: everything decided by then. */
const EVERYTHING = '9999-12-31';

const severity = (hold: Hold | null) => (hold === null ? 0 : hold.status === SUSPENDED ? 1 : 2);
const heavier = (a: Hold | null, b: Hold | null) => (severity(b) > severity(a) ? b : a);

/**
 * S7, S13, A4: the sanction holding the person on `day`, as known on `knownOn`. The latest
 * decision that applies by then supersedes every earlier one from its first day (a longer
 * suspension or a termination replaces the running one); a restoration ends it; an annulment,
 * once known, removes it and does not bring back what it had replaced — scoring decides anew what
 * still follows. The status does not return by itself when a period ends (S13).
 */
export function sanctionHold(sanctions: SanctionCause[], day: IsoDate, knownOn: IsoDate): Hold | null {
  let latest: SanctionCause | null = null;
  for (const s of sanctions) {
    if (s.decidedOn > knownOn || s.from > day) continue;
    if (!latest || s.decidedOn > latest.decidedOn || (s.decidedOn === latest.decidedOn && s.sequence > latest.sequence)) latest = s;
  }
  if (!latest) return null;
  // Each counts once it is known: an annulment removes the sanction altogether, a restoration from its day on.
  if (latest.annulledOn !== null && latest.annulledOn <= knownOn) return null;
  if (latest.liftedOn !== null && latest.liftedOn <= knownOn && latest.liftedOn <= day) return null;
  return { status: latest.kind === 'SUSPENSION' ? SUSPENDED : TERMINATED, cause: latest.label, basisDocument: latest.basisDocument };
}

interface MeasureHolds {
  /** Named responsible: at every site (002 art.34 ¶2, ¶4). */
  person: Hold | null;
  /** All staff (004 art.15): at that institution only. */
  site: Map<string, Hold>;
}

/**
 * R7 (002 art.34 ¶4): an agreement or department suspended suspends the persons named
 * responsible, everywhere, until that agreement or department resumes; a termination terminates
 * them, and those its suspension was holding. Persons not named stay normal — except where the
 * rule set reaches all staff (004 art.15), and then only at that institution.
 */
export function measureHolds(measures: MeasureCause[], day: IsoDate, registrations: RegistrationCause[]): MeasureHolds {
  // Only the institution's own people answer for it: a name given for someone never registered there holds nobody.
  const registeredAt = (institutionCode: string, on: IsoDate) =>
    registrations.some((r) => r.institutionCode === institutionCode && r.registeredOn <= on && (r.cancelledOn === null || r.cancelledOn > on));
  const byInstitution = new Map<string, MeasureCause[]>();
  for (const m of measures) if (m.effectiveOn <= day) byInstitution.set(m.institutionCode, [...(byInstitution.get(m.institutionCode) ?? []), m]);
  let person: Hold | null = null;
  const site = new Map<string, Hold>();
  for (const [institutionCode, list] of byInstitution) {
    list.sort((a, b) => (a.effectiveOn === b.effectiveOn ? a.sequence - b.sequence : a.effectiveOn < b.effectiveOn ? -1 : 1));
    const named = new Map<string | null, MeasureCause>(); // suspensions naming the person, by department (null: whole agreement)
    let staff: MeasureCause | null = null;
    let terminated: Hold | null = null;
    let siteTerminated: Hold | null = null;
    const hold = (status: HeldStatus, m: MeasureCause): Hold => ({
      status,
      cause: `${status === SUSPENDED ? 'agreement suspended (协议中止)' : 'agreement terminated (协议解除)'} at ${institutionCode}${m.department ? `, department ${m.department}` : ''}: ${m.reason}`,
      basisDocument: m.basisDocument,
    });
    for (const m of list) {
      const responsible = m.namesPerson && registeredAt(institutionCode, m.effectiveOn);
      if (m.action === 'SUSPEND' || (m.action === 'TERMINATE' && m.department !== null)) {
        // A department's settlement ended (G14) suspends its responsible people; only the agreement's termination terminates them (¶4).
        if (responsible) named.set(m.department, m);
        else if (m.allStaff) staff = m;
      } else if (m.action === 'RESUME') {
        if (m.department === null) {
          named.clear();
          staff = null;
        } else {
          named.delete(m.department);
          if (staff?.department === m.department) staff = null;
        }
      } else if (responsible || named.size > 0) {
        terminated ??= hold(TERMINATED, m);
      } else if (m.allStaff || staff) {
        siteTerminated ??= hold(TERMINATED, m);
      }
    }
    const suspension = [...named.values()][0];
    person = heavier(person, terminated ?? (suspension ? hold(SUSPENDED, suspension) : null));
    const atSite = siteTerminated ?? (staff ? hold(SUSPENDED, staff) : null);
    if (atSite) site.set(institutionCode, atSite);
  }
  return { person, site };
}

/** The person-level hold on `day` as known on `knownOn`: a sanction or a measure naming them (R5–R7). */
export function personHold(causes: PersonCauses, day: IsoDate, knownOn: IsoDate = day): Hold | null {
  return heavier(sanctionHold(causes.sanctions, day, knownOn), measureHolds(causes.measures, day, causes.registrations).person);
}

/** The days on which anything about the person can change. */
function changeDays(causes: PersonCauses): IsoDate[] {
  const days = new Set<IsoDate>();
  for (const r of causes.registrations) {
    days.add(r.registeredOn);
    if (r.cancelledOn) days.add(r.cancelledOn);
  }
  for (const s of causes.sanctions) {
    days.add(s.from);
    days.add(s.decidedOn);
    if (s.liftedOn) days.add(s.liftedOn);
    if (s.annulledOn) days.add(s.annulledOn);
  }
  for (const m of causes.measures) days.add(m.effectiveOn);
  return [...days].sort();
}

interface DayStatus {
  status: RegistrationStatus;
  hold: Hold | null;
  cause: string;
  basisDocument: string | null;
}

/**
 * A registration's status on `day`, as known on `knownOn`. A termination ends the registration
 * for good: a person restored from it needs a new commitment and registration (002 art.39, S13).
 */
function registrationStatusOn(causes: PersonCauses, registration: RegistrationCause, days: IsoDate[], day: IsoDate, knownOn: IsoDate): DayStatus {
  if (registration.cancelledOn && registration.cancelledOn <= day) {
    return { status: CANCELLED, hold: null, cause: `cancelled (取消登记备案): ${registration.cancelReason ?? 'left the institution'}`, basisDocument: null };
  }
  const holdOn = (d: IsoDate) =>
    heavier(personHold(causes, d, knownOn), measureHolds(causes.measures, d, causes.registrations).site.get(registration.institutionCode) ?? null);
  const hold = holdOn(day);
  if (hold?.status !== TERMINATED) {
    for (const earlier of days) {
      if (earlier < registration.registeredOn || earlier >= day) continue;
      const past = holdOn(earlier);
      if (past?.status === TERMINATED)
        return { status: TERMINATED, hold: past, cause: `${past.cause}; the registration ended with it (S13)`, basisDocument: past.basisDocument };
    }
  }
  if (hold) return { status: hold.status, hold, cause: hold.cause, basisDocument: hold.basisDocument };
  return { status: NORMAL, hold: null, cause: 'registered (登记备案)', basisDocument: null };
}

/**
 * The one derivation of status (R3–R9, S13, A4, E3): from everything that bears on the person,
 * each registration's history of statuses — enforced as known on each day, beside the status
 * once every later decision is known — and the person's status and re-registration ban today.
 * Re-run whenever any cause changes; nothing else writes a status.
 */
export function deriveStatus(causes: PersonCauses, today: IsoDate): DerivedStatus {
  const days = changeDays(causes);
  const registrations = new Map<string, { status: RegistrationStatus; stretches: StatusStretch[] }>();
  for (const registration of causes.registrations) {
    const stretches: StatusStretch[] = [];
    for (const day of days) {
      if (day < registration.registeredOn) continue;
      const enforced = registrationStatusOn(causes, registration, days, day, day);
      const reviewed = registrationStatusOn(causes, registration, days, day, EVERYTHING);
      const stretch: StatusStretch = {
        from: day,
        to: null,
        status: enforced.status,
        statusAfterReview: reviewed.status,
        // Refundable: what was enforced stopped payment, and after review nothing did.
        annulled: (enforced.status === SUSPENDED || enforced.status === TERMINATED) && reviewed.status === NORMAL,
        cause: enforced.cause,
        basisDocument: enforced.basisDocument,
      };
      const last = stretches[stretches.length - 1];
      const same =
        last &&
        last.status === stretch.status &&
        last.statusAfterReview === stretch.statusAfterReview &&
        last.annulled === stretch.annulled &&
        last.cause === stretch.cause &&
        last.basisDocument === stretch.basisDocument;
      if (same) continue;
      if (last) last.to = day;
      stretches.push(stretch);
    }
    const current = stretches.filter((s) => s.from <= today).pop();
    registrations.set(registration.id, { status: current?.status ?? NORMAL, stretches });
  }
  const held = personHold(causes, today);
  const live = [...registrations.values()].some((r) => r.status === NORMAL || r.status === SUSPENDED);
  const bans = causes.sanctions
    .filter((s) => s.kind === 'TERMINATION' && s.annulledOn === null && s.reRegistrationBlockedUntil)
    .map((s) => s.reRegistrationBlockedUntil!);
  return {
    status: held?.status ?? (live ? NORMAL : CANCELLED),
    reRegistrationBlockedUntil: bans.sort().pop() ?? null,
    registrations,
  };
}
