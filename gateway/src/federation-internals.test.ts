import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, operationFromDocument } from '@apollo/federation-internals';
import { DocumentNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import ts from 'typescript';
import './federation-internals';

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

/** This source as CommonJS in a folder of its own, for a plain node process (not the last build in dist/, which may be stale). */
function transpiledSource(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pq-federation-internals-'));
  const file = path.join(dir, 'federation-internals.js');
  const { outputText } = ts.transpileModule(readFileSync(path.join(__dirname, 'federation-internals.ts'), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  writeFileSync(file, outputText);
  return file;
}

test('Apollo Gateway, loaded after, reads the package as plain values, the same as its own modules export', () => {
  // A process of its own: jest keeps a module registry of its own, and the change is to Node's.
  const source = transpiledSource();
  const probe = `
    require(${JSON.stringify(source)});
    const internals = require('@apollo/federation-internals');
    const { isListType } = require('@apollo/federation-internals/dist/definitions');
    const accessors = Object.keys(internals).filter((key) => Object.getOwnPropertyDescriptor(internals, key).get);
    require('@apollo/gateway');
    // The copy Apollo Gateway loads is this one, not one of its own.
    const shared = require.resolve('@apollo/federation-internals', { paths: [require.resolve('@apollo/gateway')] }) === require.resolve('@apollo/federation-internals');
    process.stdout.write(JSON.stringify({ keys: Object.keys(internals).length, accessors, same: internals.isListType === isListType, esModule: internals.__esModule, shared }));
  `;
  // The transpiled file finds the packages where this one does.
  const result = spawnSync(process.execPath, ['-e', probe], {
    cwd: __dirname,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') },
  });
  rmSync(path.dirname(source), { recursive: true, force: true });
  expect(result.stderr).toBe('');
  const answer = JSON.parse(result.stdout);
  expect(answer.keys).toBeGreaterThan(300);
  expect(answer).toMatchObject({ accessors: [], same: true, esModule: true, shared: true });
});
