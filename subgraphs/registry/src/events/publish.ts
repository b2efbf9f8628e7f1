import { EntityManager, EventPayloads, Outbox } from '@pq/kit';

/** What registry publishes, written in the change's transaction. */
export const outbox = new Outbox('registry');

export function publishPersonsRegistered(em: EntityManager, registrations: EventPayloads['PersonRegistered'][]): Promise<void> {
  return outbox.publishAll(em, registrations.map((payload) => ({ type: 'PersonRegistered' as const, key: payload.personCode, payload })));
}

export function publishRegistrationCancelled(em: EntityManager, cancelled: EventPayloads['RegistrationCancelled']): Promise<void> {
  return outbox.publish(em, 'RegistrationCancelled', cancelled.personCode, cancelled);
}
