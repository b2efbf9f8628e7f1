import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  FieldNode,
  getArgumentValues,
  GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLScalarType,
  GraphQLSchema,
  isObjectType,
  isUnionType,
  parse,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields';
import { buildSchema, BuildSchemaOptions, createResolversMap, getMetadataStorage, ResolverObject, ResolversMap } from 'type-graphql';
import { DateTimeScalar } from './scalars';

/** `never` parameters: any subgraph's `(reference, context) => …` fits, whatever it declares. */
export type ReferenceResolvers = Record<
  string,
  {
    __resolveReference: (reference: never, context: never) => unknown;
    /**
     * The same for all representations of the type in one `_entities` call: a value, null or an
     * Error for each, in order, with one promise for all of them (e.g. a loader's `loadAll`).
     */
    __resolveReferences?: (references: never[], context: never) => unknown[] | Promise<unknown[]>;
    /**
     * Field resolvers' batch forms for `_entities`: a field of the type's resolver class (without
     * `@Authorized` or middleware), answered for all its entities of one call with one promise — a
     * value or an Error for each, in order. Elsewhere the field's own resolver answers.
     */
    __resolveFields?: Record<string, BatchField<never, never, never>>;
  }
>;

/** A field's batch form: its coerced arguments, the same for every entity. */
export type BatchField<T, A, C> = (entities: T[], args: A, context: C) => unknown[] | Promise<unknown[]>;

/** Per entity type, what `_entities` resolves for all its entities at once. */
interface EntityBatch {
  resolveReferences?: (references: Representation[], context: unknown) => unknown[] | Promise<unknown[]>;
  fields: Map<string, BatchField<object, Record<string, unknown>, unknown>>;
}

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
  const classFields = classFieldResolvers(options);
  if (!options.globalMiddlewares?.length && !options.container) resolveFieldsDirectly(schema, classFields);
  const resolvers: ResolversMap = createResolversMap(schema);
  const batches = new Map<string, EntityBatch>();
  for (const [typeName, { __resolveReferences, __resolveFields, ...reference }] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as ResolverObject | undefined), ...reference } as ResolverObject;
    batches.set(typeName, {
      resolveReferences: __resolveReferences as EntityBatch['resolveReferences'],
      fields: new Map(Object.entries(__resolveFields ?? {}) as [string, BatchField<object, Record<string, unknown>, unknown>][]),
    });
  }
  // type-graphql cannot describe the root types; every type carries its Chinese term (schema governance).
  const sdl = printSchemaWithDirectives(schema)
    .replace(/^type Query \{/m, '"""查询 — queries"""\ntype Query {')
    .replace(/^type Mutation \{/m, '"""变更 — mutations: one input, a payload, an optional idempotency key"""\ntype Mutation {');
  const subgraphSchema = buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${sdl}`),
    resolvers: resolvers as unknown as SubgraphResolvers,
  });
  const resolvedFields = answerResolvedAhead(subgraphSchema, entityFieldResolvers(subgraphSchema, classFields, batches));
  const entities = subgraphSchema.getQueryType()?.getFields()._entities;
  if (entities?.resolve) entities.resolve = entitiesResolvedTogether(entities.resolve, resolvedFields, batches);
  return subgraphSchema;
}

type FieldResolverMetadata = ReturnType<typeof getMetadataStorage>['fieldResolvers'][number];
type ParamMetadata = NonNullable<FieldResolverMetadata['params']>[number];

/**
 * A field resolver of the schema's resolver classes, with the object type it belongs to and
 * whether type-graphql's handler adds something around it: `@Authorized` or middleware, its own or
 * the schema's.
 */
interface ClassFieldResolver {
  metadata: FieldResolverMetadata;
  typeName: string | undefined;
  guarded: boolean;
}

function classFieldResolvers(options: Pick<BuildSchemaOptions, 'resolvers' | 'globalMiddlewares'>): ClassFieldResolver[] {
  const storage = getMetadataStorage();
  const classes = new Set<unknown>(options.resolvers);
  const typeNames = new Map<unknown, string>(storage.objectTypes.map((type) => [type.target, type.name]));
  const globalMiddleware = Boolean(options.globalMiddlewares?.length);
  return storage.fieldResolvers
    .filter((metadata) => classes.has(metadata.target))
    .map((metadata) => ({
      metadata,
      typeName: typeNames.get(metadata.getObjectType?.()),
      guarded: globalMiddleware || Boolean(metadata.roles || metadata.middlewares?.length),
    }));
}

/**
 * Field resolvers of resolver classes called without type-graphql's handler, where it would only
 * pass the parameters on: no middleware, no `@Authorized`, parameters that are the parent (already
 * of its class), the context, the info or arguments of scalar and enum values. The handler builds
 * every `@Arg` through an async validation (validation is off) and waits for them with
 * `Promise.all` and a `then` — three promises for a field such as `points(year)`, a tenth of
 * scoring's CPU on a page of 100 persons (bench/profiles.md). Any other call (an input object, a
 * parent of another class) goes to type-graphql's resolver as before.
 */
function resolveFieldsDirectly(schema: GraphQLSchema, classFields: ClassFieldResolver[]): void {
  for (const { metadata, typeName, guarded } of classFields) {
    if (metadata.kind !== 'external' || guarded) continue;
    const params = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
    if (!params.every(passedOn)) continue;
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = isObjectType(type) ? type.getFields()[metadata.schemaName] : undefined;
    if (!field?.resolve) continue;
    const library = field.resolve;
    const instance = new (metadata.target as new () => Record<string, (...values: unknown[]) => unknown>)();
    const method = instance[metadata.methodName];
    field.resolve = (root, args: Record<string, unknown>, context, info) => {
      const values: unknown[] = [];
      for (const param of params) {
        const value = paramValue(param, root, args, context, info);
        if (value === NOT_PASSED_ON) return library(root, args, context, info);
        values.push(value);
      }
      return method.apply(instance, values);
    };
  }
}

const NOT_PASSED_ON = Symbol('not passed on');

function passedOn(param: ParamMetadata): boolean {
  if (param.kind === 'arg') return param.validateFn === undefined && !param.validateSettings;
  return param.kind === 'root' || param.kind === 'context' || param.kind === 'info';
}

/**
 * A parent as type-graphql's handler passes it (its `convertToType`): a value of the class, a
 * primitive or a scalar as it is, a plain object copied onto a new instance of the class (its unset
 * fields left out). Anything else is left to the handler.
 */
function asInstance(target: unknown, value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object' || target instanceof GraphQLScalarType) return value;
  if (typeof target !== 'function' || value instanceof target) return typeof target === 'function' ? value : NOT_PASSED_ON;
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PASSED_ON;
  const instance = new (target as new () => Record<string, unknown>)();
  for (const key of Object.keys(instance)) if (instance[key] === undefined && !(key in value)) delete instance[key];
  return Object.assign(instance, value);
}

/** What type-graphql's handler would pass for this parameter, or NOT_PASSED_ON where it would convert the value. */
function paramValue(param: ParamMetadata, root: unknown, args: Record<string, unknown>, context: unknown, info: GraphQLResolveInfo): unknown {
  switch (param.kind) {
    case 'root': {
      const value = param.propertyName ? (root as Record<string, unknown>)[param.propertyName] : root;
      return param.getType ? asInstance(param.getType(), value) : value;
    }
    case 'context':
      return param.propertyName ? (context as Record<string, unknown>)[param.propertyName] : context;
    case 'info':
      return info;
    case 'arg': {
      const value = args[param.name];
      return value !== null && typeof value === 'object' ? NOT_PASSED_ON : value;
    }
    default:
      return NOT_PASSED_ON;
  }
}

type Representation = { __typename: string } & Record<string, unknown>;
type ResolveReference = (reference: Representation, context: unknown, info: GraphQLResolveInfo) => unknown;

/**
 * `_entities` as @apollo/subgraph resolves it for object types, answered as one list: references
 * resolved at once stay values, loaded ones are awaited together, and then the selected fields of
 * every entity that a resolver class computes are resolved together too (`resolveSelectedFields`).
 * graphql-js then completes the whole list synchronously, where it made several promises per
 * entity (a field's completion, `promiseForObject`, the list item's) and every promise costs Node's
 * async hooks (on wherever AsyncLocalStorage is used) as much as the field's own work: the gateway
 * sends a page's 100 persons in one call. A refused reference is that entity's error, a missing one
 * null, as before. Interfaces, unknown types and cache hints stay with the library's resolver.
 */
function entitiesResolvedTogether(
  library: GraphQLFieldResolver<unknown, unknown>,
  resolvedFields: ResolvedFields,
  batches: Map<string, EntityBatch>,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args: { representations: Representation[] }, context, info) => {
    if ((info as { cacheControl?: unknown }).cacheControl) return library(source, args, context, info);
    const answers: unknown[] = [];
    const waiting = new Waiting();
    const together = new Map<GraphQLObjectType, number[]>();
    args.representations.forEach((reference, index) => {
      const type = info.schema.getType(reference.__typename);
      answers.push(undefined);
      if (!isObjectType(type)) {
        answers[index] = (library(source, { representations: [reference] }, context, info) as unknown[])[0];
      } else if (batches.get(type.name)?.resolveReferences) {
        const indexes = together.get(type) ?? [];
        together.set(type, indexes);
        indexes.push(index);
      } else {
        const resolveReference = (type.extensions as { apollo?: { subgraph?: { resolveReference?: ResolveReference } } }).apollo?.subgraph?.resolveReference;
        const result = resolveReference ? resolveReference(reference, context, info) : reference;
        waiting.settle(
          result,
          (value) => void (answers[index] = withTypename(value, type.name)),
          (error) => void (answers[index] = entityError(error)),
        );
      }
    });
    for (const [type, indexes] of together) {
      const references = indexes.map((index) => args.representations[index]);
      let result: unknown;
      try {
        result = batches.get(type.name)!.resolveReferences!(references, context);
      } catch (error) {
        result = Promise.reject(error);
      }
      waiting.settle(
        result,
        (values) => {
          if (!Array.isArray(values) || values.length !== indexes.length)
            values = indexes.map(() => new Error(`${type.name}: __resolveReferences answered no list of ${indexes.length}`));
          indexes.forEach(
            (index, i) =>
              (answers[index] = (values as unknown[])[i] instanceof Error ? (values as unknown[])[i] : withTypename((values as unknown[])[i], type.name)),
          );
        },
        (error) => indexes.forEach((index) => (answers[index] = entityError(error))),
      );
    }
    const fieldsResolved = () =>
      waiting.all(
        () => answers,
        (waitingFields) => resolveSelectedFields(answers, resolvedFields, batches, context, info, waitingFields),
      );
    return waiting.all(fieldsResolved, () => undefined);
  };
}

/**
 * A refused entity: an Error as it is; anything else thrown stays a rejection for graphql-js to
 * word, as it words a thrown one. It is marked handled: it waits in the answer until every other
 * reference has settled, and Node would end the process on a rejection left alone that long.
 */
function entityError(error: unknown): unknown {
  if (error instanceof Error) return error;
  const rejection = Promise.reject(error);
  rejection.catch(() => undefined);
  return rejection;
}

/**
 * Callbacks of values that may be promises, and one promise for all of them: a value calls back at
 * once, a promise when it settles (a rejection as its error), with one `then` each.
 */
class Waiting {
  private pending = 0;
  private done?: () => void;

  settle(result: unknown, onValue: (value: unknown) => void, onError: (error: unknown) => void): void {
    if (!isPromiseLike(result)) return void onValue(result);
    this.pending++;
    result.then(
      (value) => this.finish(onValue, value),
      (error: unknown) => this.finish(onError, error),
    );
  }

  /** `then()` at once when nothing was a promise (after `before` added its own), otherwise a promise of it once all settled. */
  all<T>(then: () => T, before: (waiting: Waiting) => void): T | Promise<Awaited<T>> {
    before(this);
    if (this.pending === 0) return then();
    return new Promise<void>((resolve) => (this.done = resolve)).then(then) as Promise<Awaited<T>>;
  }

  private finish(callback: (value: unknown) => void, value: unknown): void {
    callback(value);
    if (--this.pending === 0) this.done?.();
  }
}

/** Per entity type, the fields of it that resolver classes compute. */
type EntityFields = Map<string, Set<string>>;

/**
 * Per entity type, the fields whose results `_entities` resolves for all its entities at once, each
 * with its own resolver (the one `answerResolvedAhead` wraps, which `_entities` calls ahead).
 */
type ResolvedFields = Map<string, Map<string, GraphQLFieldResolver<unknown, unknown>>>;

/**
 * What `_entities` resolved ahead for an entity: the operation (its context) and, per field node,
 * the result or its Refusal. Kept on the entity under a symbol (no JSON, no `Object.keys`), set by
 * assignment (`defineProperty` costs a runtime call per entity): graphql-js reads it back once per
 * field, a property load where a WeakMap per operation cost a tenth of appeals' CPU. An entity
 * another operation shares is overwritten and then resolved as usual.
 */
const AHEAD = Symbol('resolved ahead');

interface Ahead {
  context: object;
  nodes: FieldNode[];
  results: unknown[];
}

class Refusal {
  constructor(readonly error: unknown) {}
}

/**
 * Calls, for every entity of an `_entities` answer, the resolvers of its selected fields that a
 * resolver class computes (collected and with their arguments coerced as graphql-js does, with the
 * info it would pass) and keeps each result, or its error, for the field's own resolve to return
 * when graphql-js asks: the same calls in the same operation, made before graphql-js makes them, so
 * that it completes every entity as a value and not a promise. A field whose arguments do not
 * coerce is left to graphql-js.
 */
function resolveSelectedFields(
  entities: unknown[],
  resolvedFields: ResolvedFields,
  batches: Map<string, EntityBatch>,
  context: unknown,
  info: GraphQLResolveInfo,
  waiting: Waiting,
): void {
  if (resolvedFields.size === 0 || context === null || typeof context !== 'object') return;
  const selections = new Map<string, SelectedField[]>();
  const batched = new Map<SelectedField, { entities: object[]; aheads: Ahead[]; at: number[] }>();
  entities.forEach((entity, index) => {
    if (entity === null || typeof entity !== 'object' || entity instanceof Error || isPromiseLike(entity) || !Object.isExtensible(entity)) return;
    const typename = (entity as { __typename?: unknown }).__typename;
    if (typeof typename !== 'string' || !resolvedFields.has(typename)) return;
    let selected = selections.get(typename);
    if (!selected) {
      const type = info.schema.getType(typename) as GraphQLObjectType;
      selections.set(typename, (selected = selectedFields(type, resolvedFields.get(typename)!, batches.get(typename)?.fields, info)));
    }
    if (selected.length === 0) return;
    const known = (entity as { [AHEAD]?: Ahead })[AHEAD];
    if (known?.context === context) return; // the same entity twice in one answer: resolved once
    const ahead: Ahead = { context, nodes: [], results: [] };
    (entity as { [AHEAD]?: Ahead })[AHEAD] = ahead;
    const entityPath = { prev: info.path, key: index, typename: undefined };
    for (const field of selected) {
      const at = ahead.nodes.push(field.node) - 1;
      ahead.results.push(undefined);
      if (field.batch) {
        let together = batched.get(field);
        if (!together) batched.set(field, (together = { entities: [], aheads: [], at: [] }));
        together.entities.push(entity);
        together.aheads.push(ahead);
        together.at.push(at);
        continue;
      }
      let result: unknown;
      try {
        result = field.resolve(entity, field.args, context, fieldInfo(field, { prev: entityPath, key: field.responseKey, typename }));
      } catch (error) {
        result = new Refusal(error);
      }
      waiting.settle(
        result,
        (value) => void (ahead.results[at] = value),
        (error) => void (ahead.results[at] = new Refusal(error)),
      );
    }
  });
  for (const [field, { entities: all, aheads, at }] of batched) {
    let result: unknown;
    try {
      result = field.batch!(all, field.args, context);
    } catch (error) {
      result = Promise.reject(error);
    }
    const refuse = (error: unknown) => aheads.forEach((ahead, i) => (ahead.results[at[i]] = new Refusal(error)));
    waiting.settle(
      result,
      (values) => {
        if (!Array.isArray(values) || values.length !== all.length)
          return refuse(new Error(`${field.info.parentType.name}.${field.info.fieldName}: its batch form answered no list of ${all.length}`));
        aheads.forEach((ahead, i) => (ahead.results[at[i]] = values[i] instanceof Error ? new Refusal(values[i]) : values[i]));
      },
      refuse,
    );
  }
}

/** The info graphql-js passes a field's resolver, for one entity. */
function fieldInfo({ info }: SelectedField, path: GraphQLResolveInfo['path']): GraphQLResolveInfo {
  return {
    fieldName: info.fieldName,
    fieldNodes: info.fieldNodes,
    returnType: info.returnType,
    parentType: info.parentType,
    path,
    schema: info.schema,
    fragments: info.fragments,
    rootValue: info.rootValue,
    operation: info.operation,
    variableValues: info.variableValues,
  };
}

interface SelectedField {
  responseKey: string;
  node: FieldNode;
  args: Record<string, unknown>;
  resolve: GraphQLFieldResolver<unknown, unknown>;
  batch?: BatchField<object, Record<string, unknown>, unknown>;
  info: Omit<GraphQLResolveInfo, 'path'>;
}

function selectedFields(
  type: GraphQLObjectType,
  resolved: Map<string, GraphQLFieldResolver<unknown, unknown>>,
  batch: EntityBatch['fields'] | undefined,
  info: GraphQLResolveInfo,
): SelectedField[] {
  const selected: SelectedField[] = [];
  for (const [responseKey, nodes] of collectSubfields(info.schema, info.fragments, info.variableValues, type, info.fieldNodes)) {
    const definition = type.getFields()[nodes[0].name.value];
    const resolve = definition && resolved.get(definition.name);
    if (!resolve) continue;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, nodes[0], info.variableValues);
    } catch {
      continue;
    }
    selected.push({
      responseKey,
      node: nodes[0],
      args,
      resolve,
      batch: batch?.get(definition.name),
      info: {
        fieldName: definition.name,
        fieldNodes: nodes,
        returnType: definition.type,
        parentType: type,
        schema: info.schema,
        fragments: info.fragments,
        rootValue: info.rootValue,
        operation: info.operation,
        variableValues: info.variableValues,
      },
    });
  }
  return selected;
}

/** The entity types' field resolvers answering first from what `_entities` resolved ahead for this operation; returns their own resolvers. */
function answerResolvedAhead(schema: GraphQLSchema, entityFields: EntityFields): ResolvedFields {
  const resolvedFields: ResolvedFields = new Map();
  for (const [typename, fields] of entityFields) {
    const type = schema.getType(typename);
    if (!isObjectType(type)) continue;
    const own = new Map<string, GraphQLFieldResolver<unknown, unknown>>();
    resolvedFields.set(typename, own);
    for (const name of fields) {
      const field = type.getFields()[name];
      const resolve = field?.resolve;
      if (!resolve) continue;
      own.set(name, resolve);
      field.resolve = (root, args, context, info) => {
        const ahead = (root as { [AHEAD]?: Ahead } | null)?.[AHEAD];
        const at = ahead !== undefined && ahead.context === context ? ahead.nodes.indexOf(info.fieldNodes[0]) : -1;
        if (at < 0) return resolve(root, args, context, info);
        const result = ahead!.results[at];
        if (result instanceof Refusal) throw result.error;
        return result;
      };
    }
  }
  return resolvedFields;
}

/**
 * Entity types (those with a `@key`) and the fields of them that resolver classes compute. A batch
 * form may stand only for such a field with no `@Authorized` and no middleware, which it would skip.
 */
function entityFieldResolvers(schema: GraphQLSchema, classFields: ClassFieldResolver[], batches: Map<string, EntityBatch>): EntityFields {
  const entityTypes = schema.getType('_Entity');
  const members = new Set(isUnionType(entityTypes) ? entityTypes.getTypes().map((type) => type.name) : []);
  const fields: EntityFields = new Map();
  const batchable = new Set<string>();
  for (const { metadata, typeName, guarded } of classFields) {
    if (!typeName || !members.has(typeName)) continue;
    if (!fields.has(typeName)) fields.set(typeName, new Set());
    fields.get(typeName)!.add(metadata.schemaName);
    if (!guarded) batchable.add(`${typeName}.${metadata.schemaName}`);
  }
  for (const [typeName, batch] of batches)
    for (const name of batch.fields.keys())
      if (!batchable.has(`${typeName}.${name}`))
        throw new Error(`${typeName}.${name}: a batch form needs a field resolver of an entity type without @Authorized or middleware`);
  return fields;
}

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/** The answer marked with its type, as @apollo/subgraph marks it (a copy when it names another type). */
function withTypename(value: unknown, typename: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if ('__typename' in value) {
    if (value.__typename !== typename) return { ...value, __typename: typename };
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    // A literal made for the reference: assigned (a transition V8 caches), where defineProperty is a runtime call per entity.
    (value as { __typename?: string }).__typename = typename;
  } else Object.defineProperty(value, '__typename', { value: typename });
  return value;
}

/** The SDL committed in `schema/<name>.graphql` and composed into the supergraph. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema).trim() + '\n';
}
