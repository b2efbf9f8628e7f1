import { sqlMigration } from '@pq/data';

/**
 * When a registration or its status history last changed: partners' FHIR searches ask for what
 * changed since a time. Existing rows take the time their history was last derived.
 */
export default sqlMigration([
  `alter table "registry".registration add column updated_at timestamptz not null default now()`,
  `update "registry".registration r set updated_at = coalesce((select max(si.recorded_at) from "registry".status_interval si where si.registration_id = r.id), now())`,
  `create index registration_updated_at_index on "registry".registration (updated_at, id)`,
]);
