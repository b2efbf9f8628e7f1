import { BatchLoader } from './loaders';

/** A loader over a batch that records each call's keys: a key 'x…' is refused, 'none' missing. */
function recorded() {
  const calls: string[][] = [];
  const loader = new BatchLoader<string, string | null>(async (keys) => {
    calls.push(keys);
    return keys.map((key) => (key.startsWith('x') ? new Error(`refused ${key}`) : key === 'none' ? null : key.toUpperCase()));
  });
  return { calls, loader };
}

test('loadAll answers every key in order, an Error in place of a refused one, with one call of the batch for the distinct keys', async () => {
  const { calls, loader } = recorded();
  const answer = await loader.loadAll(['a', 'x1', 'b', 'a', 'none']);
  expect(answer).toEqual(['A', new Error('refused x1'), 'B', 'A', null]);
  expect(calls).toEqual([['a', 'x1', 'b', 'none']]);
});

test('load and loadAll share one cache: settled keys are not asked again, and a refused key stays refused', async () => {
  const { calls, loader } = recorded();
  await loader.loadAll(['a', 'x1']);
  expect(await loader.load('a')).toBe('A');
  await expect(loader.load('x1')).rejects.toThrow('refused x1');
  expect(await loader.loadAll(['a', 'c'])).toEqual(['A', 'C']);
  expect(calls).toEqual([['a', 'x1'], ['c']]);
  loader.clear('a');
  expect(await loader.load('a')).toBe('A');
  expect(calls).toEqual([['a', 'x1'], ['c'], ['a']]);
});

test('loadAll joins keys that load asked in the same turn: one call of the batch', async () => {
  const { calls, loader } = recorded();
  const single = loader.load('a');
  const all = loader.loadAll(['b', 'a']);
  expect(await all).toEqual(['B', 'A']);
  expect(await single).toBe('A');
  expect(calls).toEqual([['a', 'b']]);
});

test('loadAll calls of one tick share one call of the batch (two aliases of a field: one statement)', async () => {
  const { calls, loader } = recorded();
  const [thisYear, lastYear] = await Promise.all([loader.loadAll(['a', 'b']), loader.loadAll(['c', 'a'])]);
  expect(thisYear).toEqual(['A', 'B']);
  expect(lastYear).toEqual(['C', 'A']);
  expect(calls).toEqual([['a', 'b', 'c']]);
});

test('a batch that fails fails every key of loadAll, and nothing is kept', async () => {
  let fail = true;
  const loader = new BatchLoader<string, string>(async (keys) => {
    if (fail) throw new Error('database down');
    return keys;
  });
  await expect(loader.loadAll(['a'])).rejects.toThrow('database down');
  fail = false;
  expect(await loader.loadAll(['a'])).toEqual(['a']);
});
