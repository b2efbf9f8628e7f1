import DataLoader from 'dataloader';

/** The calls being gathered in this turn, per group, with how many joined so far. */
export type Gathering<K, R> = Map<string, { loader: DataLoader<K, R>; calls: number }>;

export interface GatherOptions {
  /**
   * Turns of the event loop a batch may go on gathering while calls keep coming: it leaves after
   * the first turn that added none, and after this many at the latest. 1, the default, sends it
   * after the turn it was started in.
   */
  maxTurns?: number;
}

/**
 * Adds `call` to the calls gathered for `group` in this turn of the event loop. The first call of
 * a turn schedules `handleMany` for all of them with setImmediate, which runs after the turn's I/O
 * callbacks, so every request that arrived meanwhile has had its say; the scheduling caller's
 * async context (its statement counter, its trace) carries the work. `handleMany` answers each
 * call in order; an Error fails that call alone. With `maxTurns`, a batch that grew during its
 * turn waits for another (a busy process's next requests arrive a turn later); an idle process
 * sends at once.
 */
export function gatherInTurn<K, R>(
  groups: Gathering<K, R>,
  group: string,
  call: K,
  handleMany: (calls: K[]) => Promise<(R | Error)[]>,
  { maxTurns = 1 }: GatherOptions = {},
): Promise<R> {
  let batch = groups.get(group);
  if (!batch) {
    const gathered = { calls: 0 } as { loader: DataLoader<K, R>; calls: number };
    gathered.loader = new DataLoader<K, R>((calls) => handleMany([...calls]), {
      cache: false,
      batchScheduleFn: (dispatch) => {
        let turns = 0;
        let seen = gathered.calls;
        const turn = () => {
          if (++turns < maxTurns && gathered.calls > seen) {
            seen = gathered.calls;
            setImmediate(turn);
            return;
          }
          groups.delete(group);
          dispatch();
        };
        setImmediate(turn);
      },
    });
    batch = gathered;
    groups.set(group, batch);
  }
  batch.calls++;
  return batch.loader.load(call);
}
