import { randomUUID } from 'node:crypto';
import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { RegistrationStatus } from '../domain/personnel';

/**
 * One stretch of a registration's status: [validFrom, validTo), validTo null while open.
 * "Status of registration R on date D" (E3) is one index lookup on (registration_id, valid_from).
 */
@Entity({ tableName: 'status_interval' })
export class StatusInterval {
  [OptionalProps]?: 'recordedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  registrationId!: string;

  @Property({ type: 'string', length: 16 })
  personCode!: string;

  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  /** The status enforced on those days, as known on each of them. */
  @Enum({ items: () => RegistrationStatus })
  status!: RegistrationStatus;

  /** The status on those days once every later decision is known (appeals). */
  @Enum({ items: () => RegistrationStatus })
  statusAfterReview!: RegistrationStatus;

  /** The enforced status came from a sanction later annulled on appeal: refundable at liquidation (002 art.47–48). */
  @Property({ type: 'boolean' })
  annulled!: boolean;

  @Property({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'date', nullable: true })
  validTo?: string | null;

  /** Why the status changed: registration, a sanction, an agreement measure, a cancellation… */
  @Property({ type: 'string' })
  cause!: string;

  /** The decision document behind the change (notice number, agreement handling number). */
  @Property({ type: 'string', nullable: true })
  basisDocument?: string | null;

  @Property({ type: 'Date' })
  recordedAt: Date = new Date();
}
