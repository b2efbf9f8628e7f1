import { readFileSync } from 'node:fs';
import { composeFromCode, readCommittedComposition, SUPERGRAPH_PATH } from '../scripts/src/compose';
import { TYPES_PATH } from '../scripts/src/generate-operations';
import { apiSchema, operationTypes, undescribed } from '../scripts/src/schema-tools';

test('the committed SDL files and supergraph match the code (run `npm run compose` after a schema change)', async () => {
  const fromCode = await composeFromCode();
  const committed = readCommittedComposition();
  expect(committed.subgraphSdl).toEqual(fromCode.subgraphSdl);
  expect(committed.supergraphSdl).toEqual(fromCode.supergraphSdl);
});

test('every type, field, argument and enum value carries its Chinese term', () => {
  expect(undescribed(apiSchema(readFileSync(SUPERGRAPH_PATH, 'utf8')))).toEqual([]);
});

test('the committed operation types match the operations and the schema (run `npm run operations`)', async () => {
  expect(readFileSync(TYPES_PATH, 'utf8')).toEqual(await operationTypes(apiSchema(readFileSync(SUPERGRAPH_PATH, 'utf8'))));
});
