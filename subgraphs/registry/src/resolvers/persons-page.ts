import { decodeCursor, pageSize, queryRows, toConnection, toEntities } from '@pq/kit';
import { Person } from '../entities/person';
import type { Context } from './context';
import { PersonConnection, PersonFilter } from './person.types';
import { personScopeSql } from './scope';

/** One keyset page of persons (code order) for `persons`: one query, plus one count if asked. (`Institution.personnel` pages a whole list of institutions at once: loaders/personnel.ts.) */
export async function personsPage(context: Context, filter: PersonFilter, first: number | null, after: string | undefined): Promise<PersonConnection> {
  const limit = pageSize(first);
  const build = () => {
    const qb = context.em.createQueryBuilder(Person, 'p');
    const scope = personScopeSql(context.caller);
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (filter.regionPrefix) qb.andWhere({ regionCode: { $like: `${filter.regionPrefix}%` } });
    if (filter.status) qb.andWhere({ status: filter.status });
    if (filter.category) qb.andWhere({ category: filter.category });
    if (filter.namePrefix) qb.andWhere({ name: { $like: `${filter.namePrefix}%` } });
    if (filter.institutionCode) {
      const status = filter.registrationStatus ? `r.status = ?` : `r.status <> 'CANCELLED'`;
      // The institution's person codes as an array: PostgreSQL then walks the person key in code
      // order over just those codes. With `exists`, it walked every person from the first code
      // until the page was full (a second for an institution whose region sorts late).
      qb.andWhere(`p.code = any(array(select r.person_code from registry.registration r where r.institution_code = ? and ${status}))`, [
        filter.institutionCode,
        ...(filter.registrationStatus ? [filter.registrationStatus] : []),
      ]);
    }
    return qb;
  };
  const cursor = decodeCursor(after);
  const page = build().orderBy({ code: 'asc' }).limit(limit + 1);
  if (cursor) page.andWhere({ code: { $gt: cursor } });
  // The page's SQL from the query builder, its rows made into Person instances without MikroORM's
  // hydration (a fifth of registry's CPU on a page of 100): the page is only read.
  const { sql, bindings } = page.getKnexQuery().toSQL().toNative();
  const rows = toEntities(context.em, Person, await queryRows(context.em, { text: sql, values: [...bindings] }));
  for (const row of rows) context.loaders.person.prime(row.code, row);
  return toConnection(PersonConnection, rows, limit, (p) => p.code, () => build().getCount());
}
