import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A person's registrations at one institution, from registry's events, as one row: the first day,
 * the latest registration, and its cancellation day while it is cancelled (S10 counts the
 * institution's personnel registered during a year). Days unknown to older events: null.
 */
@Entity({ tableName: 'registration_view' })
@Index({ name: 'registration_view_institution_dates_index', properties: ['institutionCode', 'registeredOn', 'cancelledOn'] })
export class RegistrationView {
  @PrimaryKey({ type: 'string', length: 12 })
  institutionCode!: string;

  @PrimaryKey({ type: 'string', length: 16 })
  personCode!: string;

  @Property({ type: 'uuid', nullable: true })
  registrationId?: string | null;

  @Property({ type: 'date', nullable: true })
  registeredOn?: string | null;

  @Property({ type: 'date', nullable: true })
  cancelledOn?: string | null;
}
