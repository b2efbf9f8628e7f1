import { DomainError } from '@pq/errors';
import { ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';

@Directive('@shareable')
@ObjectType({ description: '分页信息 — Relay page information' })
export class PageInfo {
  @Field({ description: '是否有下一页 — whether more items follow this page' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: '末项游标 — cursor of the last item on this page' })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount(): Promise<number>;
}

/**
 * A Relay connection type for `Node`. `totalCount` is a method so its `count(*)` runs only
 * when a client asks for it.
 */
export function ConnectionType<T extends object>(Node: ClassType<T>, name: string, chineseTerm: string, options: { shareable?: boolean } = {}) {
  // Types defined alike by several subgraphs must say so to compose.
  const shareable = options.shareable ? Directive('@shareable') : () => undefined;

  @shareable
  @ObjectType(`${name}Edge`, { description: `${chineseTerm}列表项 — one ${name} with its cursor` })
  class Edge {
    @Field({ description: '游标 — opaque cursor of this item' })
    cursor!: string;

    @Field(() => Node, { description: `${chineseTerm} — the item` })
    node!: T;
  }

  @shareable
  @ObjectType(`${name}Connection`, { description: `${chineseTerm}列表 — a page of ${name} items` })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge], { description: '本页各项 — the items of this page' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: '分页信息 — page information' })
    pageInfo!: PageInfo;

    countTotal!: () => Promise<number>;

    @Field(() => Int, { description: '总数 — number of items matching the filter, across all pages' })
    totalCount(): Promise<number> {
      return this.countTotal();
    }
  }
  return Connection;
}

export { pageSize } from './page-size';

export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/** The key of a cursor; one not of the list's `shape` is the caller's mistake (BAD_USER_INPUT), never a database error. */
export function decodeCursor(cursor: string | undefined | null, shape?: (key: string) => boolean): string | undefined {
  if (!cursor) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (shape && !shape(key)) throw new DomainError('BAD_USER_INPUT', 'after is not a cursor of this list', { field: 'after' });
  return key;
}

/** Turns `first + 1` rows fetched after a keyset cursor into a connection page. */
export function toConnection<T, C extends ConnectionShape<T>>(
  Connection: new () => C,
  rows: T[],
  first: number,
  cursorKey: (node: T) => string,
  countTotal: () => Promise<number>,
): C {
  const page = rows.slice(0, first);
  const connection = new Connection();
  connection.edges = page.map((node) => ({ cursor: encodeCursor(cursorKey(node)), node }));
  connection.pageInfo = {
    hasNextPage: rows.length > first,
    endCursor: connection.edges.length ? connection.edges[connection.edges.length - 1].cursor : null,
  };
  (connection as unknown as { countTotal: () => Promise<number> }).countTotal = countTotal;
  return connection;
}
