import { readFileSync } from 'node:fs';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { composeFromCode, SUPERGRAPH_PATH } from './compose';
import { apiSchema, undescribed } from './schema-tools';

/**
 * `npm run schema:check`: composes the schema from the code, lints it (descriptions with the
 * Chinese term everywhere) and reports its changes against the committed supergraph, failing on
 * breaking ones (ALLOW_BREAKING_CHANGES=true when a breaking change is intended and announced).
 */
async function main(): Promise<void> {
  const current = apiSchema((await composeFromCode()).supergraphSdl);
  const committed = apiSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  let failed = false;

  const missing = undescribed(current);
  if (missing.length) {
    failed = true;
    process.stdout.write(`Descriptions missing or without the Chinese term (${missing.length}):\n${missing.map((m) => `  - ${m}`).join('\n')}\n`);
  }

  const changes = await diff(committed, current);
  const breaking = changes.filter((c) => c.criticality.level === CriticalityLevel.Breaking);
  for (const change of changes) process.stdout.write(`${change.criticality.level.padEnd(13)} ${change.message}\n`);
  if (breaking.length && process.env.ALLOW_BREAKING_CHANGES !== 'true') failed = true;

  process.stdout.write(
    `schema check: ${changes.length} change(s) against the committed supergraph, ${breaking.length} breaking, ${missing.length} undescribed\n`,
  );
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
