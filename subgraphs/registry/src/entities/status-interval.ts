import { randomUUID } from 'node:crypto';
import { Check, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { RegistrationStatus } from '../domain/personnel';
import { Registration } from './registration';

/**
 * One stretch of a registration's status: [validFrom, validTo), validTo null while open.
 * "Status of registration R on date D" (E3) is one index lookup on (registration_id, valid_from).
 */
@Entity({ tableName: 'status_interval' })
@Index({ name: 'status_interval_registration_index', properties: ['registrationId', 'validFrom'] })
@Index({ name: 'status_interval_person_index', properties: ['personCode', 'validFrom'] })
@Check({ name: 'status_interval_check', expression: 'valid_to is null or valid_to > valid_from' })
export class StatusInterval {
  [OptionalProps]?: 'recordedAt' | 'annulled';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Registration, {
    mapToPk: true,
    fieldName: 'registration_id',
    foreignKeyName: 'status_interval_registration_id_fkey',
    deferMode: 'deferred',
    updateRule: 'no action',
    deleteRule: 'no action',
  })
  registrationId!: string;

  @Property({ type: 'string', length: 16 })
  personCode!: string;

  @Property({ type: 'string', length: 12 })
  institutionCode!: string;

  /** The status enforced on those days, as known on each of them. */
  @Property({ type: 'text' })
  status!: RegistrationStatus;

  /** The status on those days once every later decision is known (appeals). */
  @Property({ type: 'text' })
  statusAfterReview!: RegistrationStatus;

  /** The enforced status came from a sanction later annulled on appeal: refundable at liquidation (002 art.47–48). */
  @Property({ type: 'boolean', default: false })
  annulled!: boolean;

  @Property({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'date', nullable: true })
  validTo?: string | null;

  /** Why the status changed: registration, a sanction, an agreement measure, a cancellation… */
  @Property({ type: 'text' })
  cause!: string;

  /** The decision document behind the change (notice number, agreement handling number). */
  @Property({ type: 'text', nullable: true })
  basisDocument?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();
}
