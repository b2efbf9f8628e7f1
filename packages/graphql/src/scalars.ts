import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isIsoDate } from '@pq/time';

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/** Row ids are UUIDs: an `id` argument, a keyset cursor over ids. */
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** `Date` (docs/api.md, Scalars): a calendar date `YYYY-MM-DD` in China Standard Time. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: '日期 — a calendar date YYYY-MM-DD in China Standard Time (Asia/Shanghai)',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** `DateTime` (docs/api.md, Scalars): an ISO-8601 instant with its offset. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: '时间 — an ISO-8601 date and time with offset',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString()),
  parseValue: (value) => {
    const instant = new Date(String(value));
    if (Number.isNaN(instant.getTime())) throw new GraphQLError('DateTime must be ISO-8601', { extensions: { code: 'BAD_USER_INPUT' } });
    return instant;
  },
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? new Date(ast.value) : null),
});
