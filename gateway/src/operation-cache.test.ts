import { buildSchema, operationFromDocument } from '@apollo/federation-internals';
import { DocumentNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { keepOperationsPerDocument } from './operation-cache';

const schema = buildSchema(`
  type Query { person(code: ID!): Person }
  type Person { code: ID! name: String points: Int }
`);
const TEXT = `query Board($code: ID!, $withPoints: Boolean!) { person(code: $code) { ...Who points @include(if: $withPoints) } } fragment Who on Person { code name }`;

/** The document executeQueryPlan builds from Apollo Server's parsed one: the operation, then its fragments. */
function asExecuted(document: DocumentNode): DocumentNode {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return { kind: Kind.DOCUMENT, definitions: [operation, ...document.definitions.filter((d) => d !== operation)] };
}

beforeAll(() => keepOperationsPerDocument());

test('the operation a parsed document gives to shaping is built once and kept with it', () => {
  const document = parse(TEXT);
  const first = operationFromDocument(schema, asExecuted(document), { validate: false });
  // Apollo Server hands the executor the same parsed document for the same text: the same operation comes back.
  expect(operationFromDocument(schema, asExecuted(document), { validate: false })).toBe(first);
  expect(first.toString()).toBe(operationFromDocument(schema, document).toString());
});

test('another parse, another schema, planning and named operations build afresh', () => {
  const document = parse(TEXT);
  const kept = operationFromDocument(schema, asExecuted(document), { validate: false });
  expect(operationFromDocument(schema, asExecuted(parse(TEXT)), { validate: false })).not.toBe(kept);
  const otherSchema = buildSchema(`type Query { person(code: ID!): Person } type Person { code: ID! name: String points: Int }`);
  expect(operationFromDocument(otherSchema, asExecuted(document), { validate: false })).not.toBe(kept);
  // The gateway's planning call validates and names the operation: never kept.
  expect(operationFromDocument(schema, document, { operationName: 'Board' })).not.toBe(operationFromDocument(schema, document, { operationName: 'Board' }));
  expect(operationFromDocument(schema, asExecuted(document))).not.toBe(kept);
});

test('a document the schema refuses still fails, and is never kept', () => {
  const document = parse(`query { person(code: "1") { nickname } }`);
  expect(() => operationFromDocument(schema, asExecuted(document), { validate: false })).toThrow(/nickname/);
  expect(() => operationFromDocument(schema, asExecuted(document), { validate: false })).toThrow(/nickname/);
});
