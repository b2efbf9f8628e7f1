import { sqlMigration } from '@pq/data';

/**
 * The partners' change feed: what registry learns from events and derives, in the order it was
 * recorded. A redelivered event finds its source_event_id and adds nothing.
 */
export default sqlMigration([
  `create table registry.change_feed (
         position bigint generated always as identity primary key,
         source_event_id uuid constraint change_feed_source_event_id_unique unique,
         kind text not null,
         effective_on date not null,
         recorded_at timestamptz not null default now(),
         basis_document text,
         person_code varchar(16),
         institution_code varchar(12),
         region_codes text[] not null,
         payload jsonb not null)`,
]);
