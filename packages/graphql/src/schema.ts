import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, BuildSchemaOptions, createResolversMap, ResolverObject, ResolversMap } from 'type-graphql';
import { DateTimeScalar } from './scalars';

/** `never` parameters: any subgraph's `(reference, context) => …` fits, whatever it declares. */
export type ReferenceResolvers = Record<string, { __resolveReference: (reference: never, context: never) => unknown }>;

/** @apollo/subgraph's resolver map, which it does not export by name: type-graphql's map, typed differently, has its shape. */
type SubgraphResolvers = NonNullable<Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']>;

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])`;

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql gives the SDL
 * and resolvers, `@apollo/subgraph` adds `_entities`/`_service` and the reference resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }, ...(options.scalarsMap ?? [])],
    validate: false,
    skipCheck: true,
  });
  const resolvers: ResolversMap = createResolversMap(schema);
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as ResolverObject | undefined), ...reference } as ResolverObject;
  }
  // type-graphql cannot describe the root types; every type carries its Chinese term (schema governance).
  const sdl = printSchemaWithDirectives(schema)
    .replace(/^type Query \{/m, '"""查询 — queries"""\ntype Query {')
    .replace(/^type Mutation \{/m, '"""变更 — mutations: one input, a payload, an optional idempotency key"""\ntype Mutation {');
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${sdl}`),
    resolvers: resolvers as unknown as SubgraphResolvers,
  });
}

/** The SDL committed in `schema/<name>.graphql` and composed into the supergraph. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema).trim() + '\n';
}
