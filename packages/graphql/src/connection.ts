import { DomainError } from '@pq/errors';
import { ArgsType, ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { pageSize } from './page-size';

@Directive('@shareable')
@ObjectType({ description: '分页信息 — Relay page information' })
export class PageInfo {
  @Field({ description: '是否有下一页 — whether more items follow this page (paging back with last/before: whether before was given)' })
  hasNextPage!: boolean;

  @Field({
    description: '是否有上一页 — whether items precede this page (paging back with last/before: known exactly; with first/after: whether after was given)',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: '首项游标 — cursor of the first item on this page' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: '末项游标 — cursor of the last item on this page' })
  endCursor!: string | null;
}

/** The arguments of a list that pages both ways: forward with `first`/`after`, back with `last`/`before` (Relay). */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: '每页条数 — page size from the start or after `after` (default 50, at most 500)' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: '游标 — items after this cursor' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: '末页条数 — page size back from the end or before `before` (default 50, at most 500)' })
  last?: number | null;

  @Field(() => String, { nullable: true, description: '前向游标 — items before this cursor' })
  before?: string | null;
}

/** What a list's repository reads for one page. */
export interface Page {
  /** Items served. */
  size: number;
  /** Read from the end backwards (`last`/`before`); the rows come in reverse order and are turned round. */
  backward: boolean;
  /** The key of the cursor the page starts from: `after`, or `before` when backward. */
  key: string | undefined;
}

/**
 * The page asked for: forward with `first`/`after` or back with `last`/`before`, never both ways
 * at once. The cursor must be of the list's `shape` (INVALID_CURSOR otherwise).
 */
export function pageOf(args: PageArgs, shape?: (key: string) => boolean): Page {
  const backward = args.last != null || args.before != null;
  if (backward && (args.first != null || args.after != null)) {
    const field = args.last != null ? 'last' : 'before';
    throw new DomainError('BAD_USER_INPUT', `page forward with first and after, or back with last and before; ${field} cannot go with first or after`, {
      field,
    });
  }
  return backward
    ? { size: pageSize(args.last, 'last'), backward, key: decodeCursor(args.before, shape, 'before') }
    : { size: pageSize(args.first, 'first'), backward, key: decodeCursor(args.after, shape, 'after') };
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

export { MAX_PAGE_SIZE, pageSize } from './page-size';

export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/**
 * The key of a cursor. One this server did not encode (not canonical base64url of a key) or not
 * of the list's `shape` is the caller's mistake, INVALID_CURSOR, never an empty page or a
 * database error.
 */
export function decodeCursor(cursor: string | undefined | null, shape?: (key: string) => boolean, field: 'after' | 'before' = 'after'): string | undefined {
  if (cursor == null) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!key || encodeCursor(key) !== cursor || (shape && !shape(key)))
    throw new DomainError('INVALID_CURSOR', `${field} is not a cursor of this list`, { field });
  return key;
}

/** An edge whose cursor is written when it is read: a page of 100 is mostly asked without its edges' cursors. */
class LazyCursorEdge<T> {
  constructor(
    readonly node: T,
    private readonly cursorKey: (node: T) => string,
  ) {}

  get cursor(): string {
    return encodeCursor(this.cursorKey(this.node));
  }
}

/**
 * Turns `first + 1` rows read from a keyset cursor into a connection page. With a `page` read
 * backwards the rows come last item first, and are turned round; without one, the page is forward
 * from the start or from a cursor and nothing is said to precede it.
 */
export function toConnection<T, C extends ConnectionShape<T>>(
  Connection: new () => C,
  rows: T[],
  first: number,
  cursorKey: (node: T) => string,
  countTotal: () => Promise<number>,
  page?: Pick<Page, 'backward' | 'key'>,
): C {
  const items = rows.slice(0, first);
  if (page?.backward) items.reverse();
  const more = rows.length > first;
  const fromCursor = page?.key !== undefined;
  const connection = new Connection();
  connection.edges = items.map((node) => new LazyCursorEdge(node, cursorKey));
  connection.pageInfo = {
    hasNextPage: page?.backward ? fromCursor : more,
    hasPreviousPage: page?.backward ? more : fromCursor,
    startCursor: connection.edges[0]?.cursor ?? null,
    endCursor: connection.edges.at(-1)?.cursor ?? null,
  };
  (connection as unknown as { countTotal: () => Promise<number> }).countTotal = countTotal;
  return connection;
}
