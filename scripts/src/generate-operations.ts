import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SUPERGRAPH_PATH } from './compose';
import { buildManifest, MANIFEST_PATH, OPERATIONS_DIR } from './operations';
import { apiSchema, operationTypes } from './schema-tools';

export const TYPES_PATH = path.join(OPERATIONS_DIR, 'types.ts');

/** `npm run operations`: the safelist manifest and the TypeScript types of operations/*.graphql. */
async function main(): Promise<void> {
  const manifest = buildManifest();
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(TYPES_PATH, await operationTypes(apiSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'))));
  process.stdout.write(`wrote ${Object.keys(manifest).length} operations to operations/manifest.json and their types to operations/types.ts\n`);
}

if (require.main === module) void main();
