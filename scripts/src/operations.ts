import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const OPERATIONS_DIR = path.resolve(__dirname, '../../operations');
export const MANIFEST_PATH = path.join(OPERATIONS_DIR, 'manifest.json');

/** The example operations of every docs/api.md use case (operations/*.graphql), by operation name. */
export function loadOperations(): Record<string, string> {
  const operations: Record<string, string> = {};
  for (const file of readdirSync(OPERATIONS_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    operations[path.basename(file, '.graphql')] = readFileSync(path.join(OPERATIONS_DIR, file), 'utf8');
  }
  return operations;
}

/** The hash persisted-query clients send: SHA-256 of the document text, hex. */
export function operationHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** The safelist: hash → operation, for PERSISTED_ONLY=true and for hash-only requests. */
export function buildManifest(operations = loadOperations()): Record<string, { name: string; body: string }> {
  return Object.fromEntries(Object.entries(operations).map(([name, body]) => [operationHash(body), { name, body }]));
}
