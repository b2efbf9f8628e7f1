import { EntityManager } from '@pq/data';
import { Outbox } from '@pq/events';
import { RegistryEvents, subscribers } from './payloads';

/** What registry publishes, written in the change's transaction. */
export const outbox = new Outbox<RegistryEvents>('registry', subscribers);

/** Returns the events' ids in the order given. */
export function publishPersonsRegistered(em: EntityManager, registrations: RegistryEvents['PersonRegistered'][]): Promise<string[]> {
  return outbox.publishAll(
    em,
    registrations.map((payload) => ({ type: 'PersonRegistered' as const, key: payload.personCode, payload })),
  );
}

/** Returns the event's id. */
export function publishRegistrationCancelled(em: EntityManager, cancelled: RegistryEvents['RegistrationCancelled']): Promise<string> {
  return outbox.publish(em, 'RegistrationCancelled', cancelled.personCode, cancelled);
}
