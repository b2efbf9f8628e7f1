import type { Caller } from '@pq/caller';
import { EntityManager, queryRows } from '@pq/data';
import type { IsoDate } from '@pq/time';
import type { ChangeKind, NewChange } from '../domain/change-feed';
import { changeScope } from './scope';

/** An institution's region: as agreements published it, else the one in its code. */
const institutionRegion = (code: string) =>
  `coalesce((select iv.region_code from registry.institution_view iv where iv.code = ${code}), substr(${code}, 2, 6))`;

// The two-key form is a key space apart from the one-key hashtext locks of aggregates (person:<code>),
// so no person's lock can ever be the feed's; the table's oid names it.
const FEED_LOCK = `select pg_advisory_xact_lock('registry.change_feed'::regclass::oid::int, 0)`;

/**
 * Appends entries in the order given; an event already recorded adds nothing. Call it as the
 * transaction's last write. An entry at an institution belongs to the institution's region (as
 * its other rows do); one about the person alone (a sanction holds at every site, R5–R6) to every
 * region the person is coded or registered in.
 *
 * No position is ever skipped by a reader: concurrent transactions would commit identity values
 * out of order (position 8 visible while 7 is still in flight, so a partner at 8 never sees 7).
 * Feed writes are therefore serialized by a transaction-level advisory lock taken just before the
 * insert and held to commit: positions become visible in order. It is taken after every other
 * lock of the transaction (persons' locks, rows), so it cannot join a deadlock. In a delivery of
 * several events (`deferChanges`) the entries wait for its end: a later event's person locks must
 * not be taken while the feed's lock is held.
 */
export async function appendChanges(em: EntityManager, changes: NewChange[]): Promise<void> {
  const deferred = deferredChanges.get(em);
  if (deferred) deferred.push(...changes);
  else await writeChanges(em, changes);
}

const deferredChanges = new WeakMap<EntityManager, NewChange[]>();

/** The delivery of events in `em`'s transaction appends its entries at its end (`appendDeferredChanges`). */
export function deferChanges(em: EntityManager): void {
  deferredChanges.set(em, []);
}

export async function appendDeferredChanges(em: EntityManager): Promise<void> {
  const deferred = deferredChanges.get(em) ?? [];
  deferredChanges.delete(em);
  await writeChanges(em, deferred);
}

async function writeChanges(em: EntityManager, changes: NewChange[]): Promise<void> {
  if (changes.length === 0) return;
  await queryRows(em, { name: 'pq_lock_change_feed', text: FEED_LOCK, values: [] });
  await queryRows(em, {
    text: `insert into registry.change_feed (source_event_id, kind, effective_on, basis_document, person_code, institution_code, region_codes, payload)
           select c.source_event_id, c.kind, c.effective_on, c.basis_document, c.person_code, c.institution_code,
                  case when c.institution_code is not null then array[${institutionRegion('c.institution_code')}]
                       else array(select distinct r from (
                              select p.region_code as r from registry.person p where p.code = c.person_code
                              union all select ${institutionRegion('rs.institution_code')} from registry.registration rs where rs.person_code = c.person_code) regions
                             where r is not null order by r) end,
                  c.payload
             from unnest($1::uuid[], $2::text[], $3::date[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
                  with ordinality as c(source_event_id, kind, effective_on, basis_document, person_code, institution_code, payload, n)
            order by c.n
           on conflict (source_event_id) do nothing`,
    values: [
      changes.map((c) => c.sourceEventId),
      changes.map((c) => c.kind),
      changes.map((c) => c.effectiveOn),
      changes.map((c) => c.basisDocument),
      changes.map((c) => c.personCode),
      changes.map((c) => c.institutionCode),
      changes.map((c) => JSON.stringify(c.details)),
    ],
  });
}

export interface ChangeRow {
  position: string;
  kind: ChangeKind;
  effectiveOn: IsoDate;
  recordedAt: Date;
  basisDocument: string | null;
  personCode: string | null;
  institutionCode: string | null;
  payload: Record<string, unknown>;
}

export interface ChangeFilter {
  kinds?: ChangeKind[] | null;
  since?: IsoDate | null;
}

/** The conditions of the caller's rows matching the filter; parameters are appended to `values`. */
function changeConditions(caller: Caller, filter: ChangeFilter, values: unknown[]): string {
  const conditions = ['true'];
  if (filter.kinds?.length) conditions.push(`c.kind = any($${values.push(filter.kinds)}::text[])`);
  if (filter.since) conditions.push(`c.effective_on >= $${values.push(filter.since)}`);
  const scope = changeScope(caller, values.length + 1);
  if (scope) {
    conditions.push(scope.sql);
    values.push(...scope.values);
  }
  return conditions.join(' and ');
}

/** Entries after `after` (a position) the caller's region sees, in feed order. */
export function changesPage(em: EntityManager, caller: Caller, filter: ChangeFilter, after: string, limit: number): Promise<ChangeRow[]> {
  const values: unknown[] = [after, limit];
  const where = changeConditions(caller, filter, values);
  return queryRows<ChangeRow>(em, {
    text: `select c.position::text as position, c.kind, c.effective_on::text as "effectiveOn", c.recorded_at as "recordedAt", c.basis_document as "basisDocument",
                  c.person_code as "personCode", c.institution_code as "institutionCode", c.payload
             from registry.change_feed c where c.position > $1 and ${where} order by c.position limit $2`,
    values,
  });
}

/** Entries the caller's region sees, matching the filter. */
export async function countChanges(em: EntityManager, caller: Caller, filter: ChangeFilter): Promise<number> {
  const values: unknown[] = [];
  const where = changeConditions(caller, filter, values);
  const [row] = await queryRows<{ n: number }>(em, { text: `select count(*)::int as n from registry.change_feed c where ${where}`, values });
  return row.n;
}
