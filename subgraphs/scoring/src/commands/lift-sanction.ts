import type { EntityManager, IsoDate } from '@pq/kit';
import { Sanction, SanctionState } from '../entities/sanction';
import { outbox } from '../events/outbox';

/**
 * Ends a suspension or termination in force and tells registry (S13, A4): one place for both
 * restoration and appeals, so the status linkage behaves the same whichever ends it.
 */
export async function liftSanction(
  em: EntityManager,
  sanction: Sanction,
  lift: { on: IsoDate; cause: string; basisDocument: string; reinstateRegistrations: boolean },
): Promise<void> {
  sanction.state = SanctionState.LIFTED;
  sanction.liftedOn = lift.on;
  sanction.liftReason = lift.cause;
  // Written now: a replacement in force may follow in the same transaction, and the unique index
  // "one in force per person" checks each statement (MikroORM would insert before it updates).
  await em.flush();
  await outbox.publish(em, 'SanctionLifted', sanction.personCode, {
    sanctionId: sanction.id,
    personCode: sanction.personCode,
    kind: sanction.kind as 'SUSPENSION' | 'TERMINATION',
    ...lift,
  });
}
