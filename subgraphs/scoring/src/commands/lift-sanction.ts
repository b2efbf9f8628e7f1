import type { EntityManager } from '@pq/data';
import { Lift, liftSanction as lifted } from '../domain/year-sanctions';
import { Sanction } from '../entities/sanction';
import { outbox } from '../events/publish';

/** Ends a suspension or termination now and tells registry. */
export async function liftSanction(em: EntityManager, sanction: Sanction, lift: Lift): Promise<void> {
  const { patch, event } = lifted(sanction, lift);
  Object.assign(sanction, patch);
  await em.flush();
  await outbox.publishAll(em, [event]);
}
