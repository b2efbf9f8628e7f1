import type { Subscribers } from '@pq/events';
import type { SubgraphName } from '@pq/http';
import type { IsoDate } from '@pq/time';

/**
 * The events registry publishes, each with its payload: the contract its consumers read (they
 * declare what they read in their own src/events/consumed.ts; scripts/src/event-contracts.ts
 * checks both sides). Add fields, never repurpose.
 */
export interface RegistryEvents {
  /** registry → scoring: a person now has a live registration (scoring refuses scores for unknown persons). */
  PersonRegistered: {
    personCode: string;
    name: string;
    category: string;
    institutionCode: string;
    /** Region of the institution: where the person works, for row scope. */
    regionCode: string;
    registrationId: string;
    /** First day of the registration. Absent in events written before it was added. */
    registeredOn?: IsoDate;
  };
  /** registry → scoring: the institution cancelled a person's registration there (R4). */
  RegistrationCancelled: {
    registrationId: string;
    personCode: string;
    institutionCode: string;
    cancelledOn: IsoDate;
  };
}

/** Who consumes each: one pending delivery per subscriber, written with the event. */
export const subscribers = {
  PersonRegistered: ['scoring'],
  RegistrationCancelled: ['scoring'],
} as const satisfies Subscribers<RegistryEvents, SubgraphName>;
