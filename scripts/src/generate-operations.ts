import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { SUPERGRAPH_PATH } from './compose';
import { buildManifest, MANIFEST_PATH, OPERATIONS_DIR } from './operations';
import { apiSchema, operationTypes } from './schema-tools';

export const TYPES_PATH = path.join(OPERATIONS_DIR, 'types.ts');

/** The Relay example (docs/portals.md): its sources, its config, the client schema it compiles against, relay-compiler's artifacts. */
export const RELAY_DIR = path.join(OPERATIONS_DIR, 'relay');
export const RELAY_SCHEMA_PATH = path.join(RELAY_DIR, 'schema.graphql');
export const RELAY_ARTIFACTS_DIR = path.join(RELAY_DIR, '__generated__');
export const RELAY_COMPILER = path.resolve(__dirname, '../../node_modules/.bin/relay-compiler');

/** The client schema relay-compiler reads: the supergraph's API schema, printed. */
export function relaySchema(supergraphSdl: string): string {
  return `${printSchema(apiSchema(supergraphSdl))}\n`;
}

/** The text of each query relay-compiler generated, by operation name: what a Relay portal sends. */
export function relayOperationTexts(): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const file of readdirSync(RELAY_ARTIFACTS_DIR).filter((f) => f.endsWith('Query.graphql.js'))) {
    // Artifacts are modules generated at run time, read by path; their default export.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { params } = (require(path.join(RELAY_ARTIFACTS_DIR, file)) as { default: { params: { name: string; text: string } } }).default;
    texts[params.name] = params.text;
  }
  return texts;
}

/**
 * `npm run operations`: the Relay example compiled (its queries persisted as operations/<Name>.graphql,
 * text for text, so a Relay portal's queries pass PERSISTED_ONLY), then the safelist manifest and
 * the TypeScript types of operations/*.graphql.
 */
async function main(): Promise<void> {
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  writeFileSync(RELAY_SCHEMA_PATH, relaySchema(supergraphSdl));
  execFileSync(RELAY_COMPILER, [], { cwd: RELAY_DIR, stdio: 'inherit' });
  for (const [name, text] of Object.entries(relayOperationTexts())) writeFileSync(path.join(OPERATIONS_DIR, `${name}.graphql`), text);
  const manifest = buildManifest();
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(TYPES_PATH, await operationTypes(apiSchema(supergraphSdl)));
  process.stdout.write(`wrote ${Object.keys(manifest).length} operations to operations/manifest.json and their types to operations/types.ts\n`);
}

if (require.main === module) void main();
