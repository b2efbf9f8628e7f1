import { Gathering, gatherInTurn } from './gather';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A handler that records each batch it was given and answers every call with itself. */
function recorder() {
  const batches: number[][] = [];
  return { batches, handle: async (calls: number[]) => (batches.push(calls), calls) };
}

test('the calls of one turn go as one batch, sent after that turn', async () => {
  const groups: Gathering<number, number> = new Map();
  const { batches, handle } = recorder();
  const answers = Promise.all([1, 2, 3].map((call) => gatherInTurn(groups, 'a', call, handle)));
  await turn();
  const late = gatherInTurn(groups, 'a', 4, handle);
  expect(await answers).toEqual([1, 2, 3]);
  expect(await late).toBe(4);
  expect(batches).toEqual([[1, 2, 3], [4]]);
});

test('with maxTurns, a batch that grew in its turn waits for the calls of the next turn, up to maxTurns', async () => {
  const groups: Gathering<number, number> = new Map();
  const { batches, handle } = recorder();
  const options = { maxTurns: 3 };
  // Two requests of one turn, then one more in each of the next turns, as a busy gateway's requests come.
  const calls = [gatherInTurn(groups, 'a', 1, handle, options), gatherInTurn(groups, 'a', 2, handle, options)];
  for (let call = 3; call <= 6; call++) {
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        calls.push(gatherInTurn(groups, 'a', call, handle, options));
        resolve();
      }),
    );
  }
  expect(await Promise.all(calls)).toEqual([1, 2, 3, 4, 5, 6]);
  // Three turns at most: the calls of the first turn and of the two after it.
  expect(batches[0]).toEqual([1, 2, 3, 4]);
  expect(batches.flat()).toEqual([1, 2, 3, 4, 5, 6]);
});

test('with maxTurns, a batch no call joins leaves after its first turn: an idle process waits for nothing', async () => {
  const groups: Gathering<number, number> = new Map();
  const { batches, handle } = recorder();
  const answer = gatherInTurn(groups, 'a', 1, handle, { maxTurns: 3 });
  await turn();
  expect(batches).toEqual([[1]]);
  expect(await answer).toBe(1);
});
