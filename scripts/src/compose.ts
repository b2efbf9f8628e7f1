import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { agreementsSubgraph } from '@pq/agreements';
import { appealsSubgraph } from '@pq/appeals';
import { printSubgraphSdl } from '@pq/graphql';
import { SUBGRAPH_DEFAULT_PORTS, SubgraphName, SUBGRAPHS } from '@pq/http';
import { registrySubgraph } from '@pq/registry';
import { scoringSubgraph } from '@pq/scoring';
import { parse } from 'graphql';

export const SCHEMA_DIR = path.resolve(__dirname, '../../schema');
export const SUPERGRAPH_PATH = path.join(SCHEMA_DIR, 'supergraph.graphql');

const definitions = { registry: registrySubgraph, scoring: scoringSubgraph, agreements: agreementsSubgraph, appeals: appealsSubgraph };

export interface Composition {
  subgraphSdl: Record<SubgraphName, string>;
  supergraphSdl: string;
}

/** Prints each subgraph's SDL from its code and composes them with @apollo/composition. */
export async function composeFromCode(): Promise<Composition> {
  const subgraphSdl = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPHS) subgraphSdl[name] = printSubgraphSdl(await definitions[name].buildSchema());
  const result = composeServices(
    SUBGRAPHS.map((name) => ({ name, typeDefs: parse(subgraphSdl[name]), url: `http://localhost:${SUBGRAPH_DEFAULT_PORTS[name]}/graphql` })),
  );
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  return { subgraphSdl, supergraphSdl: result.supergraphSdl.trim() + '\n' };
}

export function readCommittedComposition(): Composition {
  const subgraphSdl = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPHS) subgraphSdl[name] = readFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), 'utf8');
  return { subgraphSdl, supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8') };
}

async function main(): Promise<void> {
  const { subgraphSdl, supergraphSdl } = await composeFromCode();
  for (const name of SUBGRAPHS) writeFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), subgraphSdl[name]);
  writeFileSync(SUPERGRAPH_PATH, supergraphSdl);
  process.stdout.write(`composed ${SUBGRAPHS.length} subgraphs into ${path.relative(process.cwd(), SUPERGRAPH_PATH)}\n`);
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
