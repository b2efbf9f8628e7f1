import type { EntityManager } from '@pq/data';
import type { OutgoingEvent } from '@pq/events';
import type { ScoringEvents } from '../events/payloads';
import type { IsoDate } from '@pq/time';
import { Sanction, SanctionState } from '../entities/sanction';
import { outbox } from '../events/publish';

export interface Lift {
  on: IsoDate;
  cause: string;
  basisDocument: string;
  reinstateRegistrations: boolean;
  annulled?: boolean;
  /** REPLACED for a sanction that a later one replaced (S7); otherwise LIFTED. */
  state?: SanctionState;
}

/**
 * Ends a suspension or termination and returns the event that tells registry (S13, S12, S7, A4):
 * one place for restoration, repair, replacement and annulment, so the status linkage behaves the
 * same whichever ends it. An annulment keeps the day a restoration ended it: registry drops an
 * annulled sanction whole.
 */
export function lifted(sanction: Sanction, lift: Lift): OutgoingEvent<ScoringEvents> {
  const { state = SanctionState.LIFTED, annulled = false, ...event } = lift;
  sanction.state = state;
  sanction.annulled = annulled;
  sanction.liftedOn = annulled ? (sanction.liftedOn ?? lift.on) : lift.on;
  sanction.liftReason = lift.cause;
  return {
    type: 'SanctionLifted',
    key: sanction.personCode,
    payload: { sanctionId: sanction.id, personCode: sanction.personCode, kind: sanction.kind as 'SUSPENSION' | 'TERMINATION', ...event, annulled },
  };
}

export async function liftSanction(em: EntityManager, sanction: Sanction, lift: Lift): Promise<void> {
  const event = lifted(sanction, lift);
  await em.flush();
  await outbox.publishAll(em, [event]);
}
