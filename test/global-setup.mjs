// One PostgreSQL for the whole test run: the embedded one (built by `npm test` before jest runs),
// or the server DATABASE_URL points at. Each end-to-end stack creates its own fresh database in it.
import { createServer } from 'node:net';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../scripts/dist/database.js';

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export default async function globalSetup() {
  if (process.env.DATABASE_URL) {
    process.env.PQ_TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const parent = mkdtempSync(path.join(tmpdir(), 'pq-test-'));
  // Running as root, PostgreSQL runs as its own system user, who must be able to enter the folder.
  chmodSync(parent, 0o755);
  const dataDir = path.join(parent, 'postgres');
  // Thrown away after the run: no fsync, no synchronous commit (test/durability.test.ts runs a durable one).
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, durable: false });
  globalThis.__PQ_TEST_DATABASE__ = database;
  process.env.PQ_TEST_DATABASE_URL = database.urlFor('postgres');
}
