import DataLoader from 'dataloader';

/** The calls being gathered in this turn, per group. */
export type Gathering<K, R> = Map<string, DataLoader<K, R>>;

/**
 * Adds `call` to the calls gathered for `group` in this turn of the event loop. The first call of
 * a turn schedules `handleMany` for all of them with setImmediate, which runs after the turn's I/O
 * callbacks, so every request that arrived meanwhile has had its say; the scheduling caller's
 * async context (its statement counter, its trace) carries the work. `handleMany` answers each
 * call in order; an Error fails that call alone.
 */
export function gatherInTurn<K, R>(groups: Gathering<K, R>, group: string, call: K, handleMany: (calls: K[]) => Promise<(R | Error)[]>): Promise<R> {
  let batch = groups.get(group);
  if (!batch) {
    batch = new DataLoader<K, R>((calls) => handleMany([...calls]), {
      cache: false,
      batchScheduleFn: (dispatch) =>
        setImmediate(() => {
          groups.delete(group);
          dispatch();
        }),
    });
    groups.set(group, batch);
  }
  return batch.load(call);
}
