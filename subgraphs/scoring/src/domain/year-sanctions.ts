import type { ScoringEvents } from '../events/payloads';
import type { OutgoingEvent } from '@pq/events';
import { IsoDate, yearOf } from '@pq/time';
import { RunningSanction, SanctionKind, SanctionState } from './outcome';
import type { DerivedSanction, DerivedYear } from './year';

/** A sanction as scoring stores it. */
export interface StoredSanction {
  id: string;
  personCode: string;
  basisDocument: string;
  kind: SanctionKind;
  from: IsoDate;
  until?: IsoDate | null;
  months?: number | null;
  banYears?: number | null;
  yearTotal: number;
  reason: string;
  state: SanctionState;
  decidedOn: IsoDate;
  annulled: boolean;
  liftedOn?: IsoDate | null;
  liftReason?: string | null;
}

/** What changed a year's records: a new decision, an appeal decided, a repair approved, a restoration approved. */
export interface YearChange {
  /** The day the change is recorded (the actor's clock): a sanction that now follows is known from it, one annulled ends on it. */
  on: IsoDate;
  /** Why a sanction that no longer follows is annulled. */
  cause: string;
  basisDocument: string;
  /** The day the change's decision took effect, when it was made before it was recorded (a decision date given); default `on`. */
  effectiveOn?: IsoDate;
  /**
   * The change lowered points (an appeal, a repair): a sanction that no longer follows never
   * should have applied and is annulled. Otherwise a new decision superseded it: it is replaced.
   */
  lowersPoints: boolean;
}

export interface Lift {
  on: IsoDate;
  cause: string;
  basisDocument: string;
  reinstateRegistrations: boolean;
  annulled?: boolean;
  /** REPLACED for a sanction that a later one replaced (S7); otherwise LIFTED. */
  state?: SanctionState;
}

type SanctionPatch = Partial<Omit<StoredSanction, 'id' | 'personCode'>>;

/**
 * Ends a suspension or termination (S13, S12, S7, A4): what the sanction becomes and the event
 * that tells registry — one place for restoration, repair, replacement and annulment. An
 * annulment keeps the day a restoration ended it: registry drops an annulled sanction whole.
 */
export function liftSanction(sanction: StoredSanction, lift: Lift): { patch: SanctionPatch; event: OutgoingEvent<ScoringEvents> } {
  const { state = SanctionState.LIFTED, annulled = false, ...event } = lift;
  return {
    patch: { state, annulled, liftedOn: annulled ? (sanction.liftedOn ?? lift.on) : lift.on, liftReason: lift.cause },
    event: {
      type: 'SanctionLifted',
      key: sanction.personCode,
      payload: { sanctionId: sanction.id, personCode: sanction.personCode, kind: sanction.kind as 'SUSPENSION' | 'TERMINATION', ...event, annulled },
    },
  };
}

export function sanctionDecided(sanction: StoredSanction, reRegistrationBlockedUntil: IsoDate | null): OutgoingEvent<ScoringEvents> {
  return {
    type: 'SanctionDecided',
    key: sanction.personCode,
    payload: {
      sanctionId: sanction.id,
      personCode: sanction.personCode,
      kind: sanction.kind as 'SUSPENSION' | 'TERMINATION',
      from: sanction.from,
      until: sanction.until ?? null,
      basisDocument: sanction.basisDocument,
      reRegistrationBlockedUntil,
      decidedOn: sanction.decidedOn,
    },
  };
}

export const enforceable = (kind: SanctionKind) => kind === SanctionKind.SUSPENSION || kind === SanctionKind.TERMINATION;

/** The suspension or termination in force from before `year`, as the year's derivation starts from it. */
export function carriedOverInto(stored: StoredSanction[], year: number): StoredSanction | null {
  return stored.filter((s) => yearOf(s.from) < year && enforceable(s.kind) && !s.annulled).at(-1) ?? null;
}

/** What the year's derivation carries over from an earlier year; lifted, it runs until the day it was lifted (S13, S12). */
export function runningFrom(carried: StoredSanction | null): (RunningSanction & { liftedOn: IsoDate | null }) | null {
  return (
    carried && {
      kind: carried.kind as RunningSanction['kind'],
      until: carried.until ?? null,
      liftedOn: carried.state === SanctionState.LIFTED ? (carried.liftedOn ?? null) : null,
    }
  );
}

export interface SanctionPlan {
  /** Changes to stored sanctions, by id: to write before any insert (one in force per person). */
  updates: Map<string, SanctionPatch>;
  inserts: StoredSanction[];
  /**
   * To publish in this order: every decision before any lift, since registry applies each event on
   * its own — lifted first, the person would be committed normal in between.
   */
  events: OutgoingEvent<ScoringEvents>[];
}

const REPLACED_CAUSE = 'replaced by a longer suspension or a termination (S7)';
const REPAIRED_CAUSE = "the year's total fell below every suspension on repair (记分修复)";

/**
 * Brings a person's stored sanctions in line with the year's derivation (002 art.29, 38, 44):
 * unchanged stays, a changed period is sent again under its id, one that no longer follows is
 * annulled (a change lowered points) or replaced (a new decision superseded it), one that now
 * follows is decided. A new sanction is known from the day of the change, except the new
 * decision's own, which is decided on its date unless something already known was decided later.
 */
export function planYearSanctions(input: {
  year: number;
  personCode: string;
  stored: StoredSanction[];
  derived: DerivedYear;
  change: YearChange;
  newId: () => string;
}): SanctionPlan {
  const { year, personCode, stored, derived, change } = input;
  const updates = new Map<string, SanctionPatch>();
  const current = (row: StoredSanction): StoredSanction => ({ ...row, ...updates.get(row.id) });
  const update = (row: StoredSanction, patch: SanctionPatch) => updates.set(row.id, { ...updates.get(row.id), ...patch });
  const decisions: OutgoingEvent<ScoringEvents>[] = [];
  const lifts: OutgoingEvent<ScoringEvents>[] = [];
  const lift = (row: StoredSanction, how: Lift) => {
    const { patch, event } = liftSanction(current(row), how);
    update(row, patch);
    lifts.push(event);
  };

  const ofYear = stored.filter((s) => yearOf(s.from) === year);
  const carried = carriedOverInto(stored, year);
  // Replaced by a sanction of a later year, it is that year's derivation that may bring it back.
  const replacedLater = stored.some((s) => yearOf(s.from) > year && enforceable(s.kind) && !s.annulled);
  const latestKnown = stored.filter((s) => enforceable(s.kind) && !s.annulled).reduce((latest, s) => (s.decidedOn > latest ? s.decidedOn : latest), '');
  const decidedOn = (outcome: Pick<DerivedSanction, 'basisDocument' | 'from'>) =>
    outcome.basisDocument === change.basisDocument && outcome.from >= latestKnown ? outcome.from : change.on;

  const matched = new Set<string>();
  const toDecide: DerivedSanction[] = [];
  const toRecord: DerivedSanction[] = [];
  for (const outcome of derived.sanctions) {
    if (!outcome.enforced) {
      const row = ofYear.filter((s) => s.basisDocument === outcome.basisDocument && s.state === SanctionState.RECORDED).at(-1);
      if (row) {
        update(row, { kind: outcome.kind, yearTotal: outcome.yearTotal, reason: outcome.reason });
        matched.add(row.id);
      } else if (!ofYear.some((s) => s.basisDocument === outcome.basisDocument)) {
        toRecord.push(outcome);
      }
      continue;
    }
    const row = ofYear.filter((s) => s.basisDocument === outcome.basisDocument && s.kind === outcome.kind && !s.annulled).at(-1);
    if (row) matched.add(row.id);
    // A replaced outcome that holds again is decided anew: registry orders sanctions by their decision.
    if (!row || (row.state === SanctionState.REPLACED && !outcome.replacedOn)) {
      toDecide.push(outcome);
      continue;
    }
    const periodChanged = (row.until ?? null) !== outcome.until || (row.months ?? null) !== outcome.months || (row.banYears ?? null) !== outcome.banYears;
    const banChanged = (row.until ?? null) !== outcome.until && outcome.kind === SanctionKind.TERMINATION;
    update(row, { until: outcome.until, months: outcome.months, banYears: outcome.banYears, yearTotal: outcome.yearTotal, reason: outcome.reason });
    if (row.state !== SanctionState.IN_FORCE) continue;
    if (outcome.replacedOn) {
      update(row, { state: SanctionState.REPLACED });
    } else if (outcome.endedOn) {
      lift(row, { on: outcome.endedOn, cause: REPAIRED_CAUSE, basisDocument: change.basisDocument, reinstateRegistrations: true });
    } else if (periodChanged) {
      decisions.push(sanctionDecided(current(row), outcome.reRegistrationBlockedUntil));
      if (banChanged)
        decisions.push({
          type: 'ReRegistrationBanChanged',
          key: personCode,
          payload: {
            personCode,
            sanctionId: row.id,
            until: outcome.reRegistrationBlockedUntil!,
            on: change.effectiveOn ?? change.on,
            basisDocument: change.basisDocument,
          },
        });
    }
  }
  for (const row of ofYear) {
    if (matched.has(row.id) || !enforceable(row.kind) || row.annulled) continue;
    if (change.lowersPoints) {
      lift(row, { on: change.on, cause: change.cause, basisDocument: change.basisDocument, reinstateRegistrations: true, annulled: true });
    } else if (row.state === SanctionState.IN_FORCE) {
      // Registry takes the latest decided sanction from its first day: the one superseding it needs no event of this one.
      update(row, { state: SanctionState.REPLACED });
    }
  }
  if (carried?.state === SanctionState.IN_FORCE && derived.carriedOverReplacedOn) update(carried, { state: SanctionState.REPLACED });

  const inserts: StoredSanction[] = [];
  const insert = (
    terms: Pick<StoredSanction, 'basisDocument' | 'kind' | 'from' | 'until' | 'months' | 'banYears' | 'yearTotal' | 'reason'>,
    state: SanctionState,
    on: IsoDate,
  ) => {
    const { basisDocument, kind, from, until, months, banYears, yearTotal, reason } = terms;
    const sanction: StoredSanction = {
      id: input.newId(),
      personCode,
      basisDocument,
      kind,
      from,
      until,
      months,
      banYears,
      yearTotal,
      reason,
      state,
      decidedOn: on,
      annulled: false,
      liftedOn: null,
      liftReason: null,
    };
    inserts.push(sanction);
    return sanction;
  };
  if (carried?.state === SanctionState.REPLACED && !derived.carriedOverReplacedOn && !replacedLater) {
    const again = insert(carried, SanctionState.IN_FORCE, change.on);
    decisions.push(sanctionDecided(again, again.kind === SanctionKind.TERMINATION ? (again.until ?? null) : null));
  }
  for (const outcome of toRecord) insert(outcome, SanctionState.RECORDED, outcome.from);
  for (const outcome of toDecide) {
    const sanction = insert(outcome, SanctionState.IN_FORCE, decidedOn(outcome));
    decisions.push(sanctionDecided(sanction, outcome.reRegistrationBlockedUntil));
    const end = (how: Lift) => {
      const { patch, event } = liftSanction(sanction, how);
      Object.assign(sanction, patch);
      lifts.push(event);
    };
    // Decided after the sanction that replaced it, it needs its own end for registry.
    if (outcome.replacedOn)
      end({ on: outcome.replacedOn, cause: REPLACED_CAUSE, basisDocument: change.basisDocument, reinstateRegistrations: false, state: SanctionState.REPLACED });
    if (outcome.endedOn) end({ on: outcome.endedOn, cause: REPAIRED_CAUSE, basisDocument: change.basisDocument, reinstateRegistrations: true });
  }
  return { updates, inserts, events: [...decisions, ...lifts] };
}
