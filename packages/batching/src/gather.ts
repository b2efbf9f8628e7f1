import DataLoader from 'dataloader';

/** The calls being gathered in this turn, per group. */
export type Gathering<K, R> = Map<string, DataLoader<K, R>>;

export interface GatherOptions {
  /**
   * Turns of the event loop a batch may go on gathering while calls keep coming: it leaves after
   * the first turn that added none, and after this many at the latest. 1, the default, sends it
   * after the turn it was started in.
   */
  maxTurns?: number;
}

/** Calls added to each batch so far. */
const callsIn = new WeakMap<object, number>();

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
    const loader: DataLoader<K, R> = new DataLoader<K, R>((calls) => handleMany([...calls]), {
      cache: false,
      batchScheduleFn: (dispatch) => {
        let turns = 0;
        let seen = callsIn.get(loader)!;
        const turn = () => {
          const calls = callsIn.get(loader)!;
          if (++turns < maxTurns && calls > seen) {
            seen = calls;
            setImmediate(turn);
            return;
          }
          groups.delete(group);
          dispatch();
        };
        setImmediate(turn);
      },
    });
    batch = loader;
    groups.set(group, batch);
  }
  callsIn.set(batch, (callsIn.get(batch) ?? 0) + 1);
  return batch.load(call);
}
