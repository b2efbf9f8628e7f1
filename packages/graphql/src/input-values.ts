import { getNamedType, GraphQLInputType, GraphQLNamedType, isInputObjectType, isListType, isNonNullType } from 'graphql';

/**
 * The first leaf of an input value, walked as its input type describes it, for which `check`
 * answers: `name` is the argument or input field the leaf is given for, `path` where it stands
 * (`input.items[0].decidedOn`). A single value where a list is declared counts as a list of one, as
 * GraphQL coerces it; fields the type does not declare are left to GraphQL's own coercion.
 */
export function firstInputLeaf<R>(
  type: GraphQLInputType,
  value: unknown,
  name: string,
  path: string,
  check: (leaf: { type: GraphQLNamedType; name: string; value: unknown; path: string }) => R | undefined,
): R | undefined {
  if (value === null || value === undefined) return undefined;
  if (isNonNullType(type)) return firstInputLeaf(type.ofType, value, name, path, check);
  if (isListType(type)) {
    if (!Array.isArray(value)) return firstInputLeaf(type.ofType, value, name, path, check);
    for (let i = 0; i < value.length; i++) {
      const found = firstInputLeaf(type.ofType, value[i], name, `${path}[${i}]`, check);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return undefined;
    for (const field of Object.values(type.getFields())) {
      const found = firstInputLeaf(field.type, (value as Record<string, unknown>)[field.name], field.name, `${path}.${field.name}`, check);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return check({ type: getNamedType(type), name, value, path });
}
