import type { EntityManager, IsoDate } from '@pq/kit';
import { Sanction, SanctionState } from '../entities/sanction';
import { outbox } from '../events/outbox';

/**
 * Ends a suspension or termination and tells registry (S13, S12, A4): one place for restoration,
 * repair, replacement and annulment, so the status linkage behaves the same whichever ends it.
 */
export async function liftSanction(
  em: EntityManager,
  sanction: Sanction,
  lift: { on: IsoDate; cause: string; basisDocument: string; reinstateRegistrations: boolean; annulled?: boolean; state?: SanctionState },
): Promise<void> {
  const { state = SanctionState.LIFTED, annulled = false, ...event } = lift;
  sanction.state = state;
  sanction.annulled = annulled;
  // An annulment keeps the day a restoration ended it; registry drops an annulled sanction whole.
  sanction.liftedOn = annulled ? (sanction.liftedOn ?? lift.on) : lift.on;
  sanction.liftReason = lift.cause;
  // Written now: a replacement in force may follow in the same transaction, and the unique index
  // "one in force per person" checks each statement (MikroORM would insert before it updates).
  await em.flush();
  await outbox.publish(em, 'SanctionLifted', sanction.personCode, {
    sanctionId: sanction.id,
    personCode: sanction.personCode,
    kind: sanction.kind as 'SUSPENSION' | 'TERMINATION',
    ...event,
    annulled,
  });
}
