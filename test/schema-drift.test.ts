import { composeFromCode, readCommittedComposition } from '../scripts/src/compose';

test('the committed SDL files and supergraph match the code (run `npm run compose` after a schema change)', async () => {
  const fromCode = await composeFromCode();
  const committed = readCommittedComposition();
  expect(committed.subgraphSdl).toEqual(fromCode.subgraphSdl);
  expect(committed.supergraphSdl).toEqual(fromCode.supergraphSdl);
});
