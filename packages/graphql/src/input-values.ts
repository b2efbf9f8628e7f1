import {
  getNamedType,
  GraphQLInputField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';

/** A leaf of an input value: `name` is the argument or input field it is given for, `path()` where it stands. */
export interface InputLeaf {
  type: GraphQLNamedType;
  name: string;
  value: unknown;
  path: () => string;
}

/** An input object type's fields as a list, read once per type (a claims batch walks 20,000 objects of one type). */
const fieldLists = new WeakMap<GraphQLInputObjectType, GraphQLInputField[]>();
function fieldsOf(type: GraphQLInputObjectType): GraphQLInputField[] {
  let fields = fieldLists.get(type);
  if (!fields) fieldLists.set(type, (fields = Object.values(type.getFields())));
  return fields;
}

/**
 * The first leaf of an input value, walked as its input type describes it, for which `check`
 * answers: `name` is the argument or input field the leaf is given for, `path()` where it stands
 * (`input.items[0].decidedOn`). A single value where a list is declared counts as a list of one, as
 * GraphQL coerces it; fields the type does not declare are left to GraphQL's own coercion. The path
 * is written only when `check` asks for it: the walk itself builds no strings.
 */
export function firstInputLeaf<R>(
  type: GraphQLInputType,
  value: unknown,
  name: string,
  path: string,
  check: (leaf: InputLeaf) => R | undefined,
): R | undefined {
  // The steps from `path` to the leaf being checked: list indexes and field names.
  const steps: (number | string)[] = [];
  const pathText = () => steps.reduce<string>((text, step) => (typeof step === 'number' ? `${text}[${step}]` : `${text}.${step}`), path);
  const walk = (type: GraphQLInputType, value: unknown, name: string): R | undefined => {
    if (value === null || value === undefined) return undefined;
    if (isNonNullType(type)) return walk(type.ofType, value, name);
    if (isListType(type)) {
      if (!Array.isArray(value)) return walk(type.ofType, value, name);
      const depth = steps.push(0) - 1;
      for (let i = 0; i < value.length; i++) {
        steps[depth] = i;
        const found = walk(type.ofType, value[i], name);
        if (found !== undefined) return found;
      }
      steps.pop();
      return undefined;
    }
    if (isInputObjectType(type)) {
      if (typeof value !== 'object') return undefined;
      const depth = steps.push('') - 1;
      for (const field of fieldsOf(type)) {
        steps[depth] = field.name;
        const found = walk(field.type, (value as Record<string, unknown>)[field.name], field.name);
        if (found !== undefined) return found;
      }
      steps.pop();
      return undefined;
    }
    return check({ type: getNamedType(type), name, value, path: pathText });
  };
  return walk(type, value, name);
}
