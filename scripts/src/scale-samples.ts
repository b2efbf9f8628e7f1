import os from 'node:os';
import type { Client } from 'pg';

/** PostgreSQL's cache for measuring: a quarter of the memory, at most 4 GiB (the 1,000,000-person data set is about 1.9 GB). */
export const measuringSharedBuffers = () => `${Math.min(4096, Math.floor(os.totalmem() / 4 / 2 ** 20))}MB`;

/**
 * Up to 200 institutions to ask personnel pages of, at random among those with a full page of staff
 * (persons registered there and not cancelled), so that a page of `pageSize` holds that many persons
 * at every size of the data: the 100,000-person data set has fewer than 200 such institutions, and
 * filling in with smaller ones had made its pages of 100 hold 75 persons on average against 100 at
 * 1,000,000. A data set without any full page gives its largest institutions.
 */
export async function pageInstitutions(client: Client, pageSize = 100): Promise<string[]> {
  const { rows } = await client.query<{ institution_code: string }>(
    `with staff as (select institution_code, count(distinct person_code) filter (where status <> 'CANCELLED') as persons
                      from registry.registration group by 1)
     select institution_code from staff where persons >= least($1, (select max(persons) from staff)) order by random() limit 200`,
    [pageSize],
  );
  return rows.map((r) => r.institution_code);
}
