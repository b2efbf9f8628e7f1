import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { databaseUrlFromEnv, SubgraphName, SUBGRAPHS } from '@pq/http';
import { discardDeadLetter, listDeadLetters, replayDeadLetter, Sql } from '@pq/events';

const USAGE = `npm run events -- list
npm run events -- replay <event id> [--subscriber <name>] [--basis <document>]
npm run events -- discard <event id> [--subscriber <name>] --basis <document>`;

/**
 * The operator's handle on dead letters (docs/operations.md, Events): list them across the four
 * producers, replay one (after the subscriber was fixed: it is delivered again, ahead of the events
 * of its key that waited, and applied once) or discard one. A replay or discard is written to the
 * producer's audit log under the operator's name and basis document. Databases as the services
 * find them (DATABASE_URL, <NAME>_DATABASE_URL).
 */
export async function eventsCommand(args: string[], env: NodeJS.ProcessEnv, print: (line: string) => void): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { subscriber: { type: 'string' }, basis: { type: 'string' }, operator: { type: 'string' } },
  });
  const [command, eventId] = positionals;
  if (!['list', 'replay', 'discard'].includes(command) || (command !== 'list' && !eventId) || (command === 'discard' && !values.basis)) {
    print(USAGE);
    return 2;
  }
  const pools = new Map<string, Pool>();
  const sqlOf = (source: SubgraphName): Sql => {
    const url = databaseUrlFromEnv(source, env);
    if (!pools.has(url)) pools.set(url, new Pool({ connectionString: url, max: 1 }));
    const pool = pools.get(url)!;
    return async <R>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as R[];
  };
  try {
    if (command === 'list') {
      let count = 0;
      for (const source of SUBGRAPHS) {
        for (const letter of await listDeadLetters(sqlOf(source), source)) {
          count++;
          print(
            `${letter.eventId}  ${letter.source} → ${letter.subscriber}  ${letter.type} ${letter.key}  ${letter.attempts} attempts, set aside ${letter.deadAt.toISOString()}\n  ${letter.reason}\n  ${JSON.stringify(letter.payload)}`,
          );
        }
      }
      print(`${count} dead letter${count === 1 ? '' : 's'}`);
      return 0;
    }
    const act = command === 'replay' ? replayDeadLetter : discardDeadLetter;
    const operator = values.operator ?? env.USER ?? 'unknown';
    for (const source of SUBGRAPHS) {
      const sql = sqlOf(source);
      const subscribers = await act(sql, source, eventId, values.subscriber);
      if (subscribers.length === 0) continue;
      await sql(
        `insert into "${source}".audit_log (caller, caller_role, operation, target, basis_document) select $1, 'OPERATOR', $2, $3 || ' → ' || s, $4 from unnest($5::text[]) as s`,
        [`operator:${operator}`, `${command}DeadLetter`, eventId, values.basis ?? null, subscribers],
      );
      print(`${command === 'replay' ? 'replayed' : 'discarded'} ${eventId} (${source} → ${subscribers.join(', ')})`);
      return 0;
    }
    print(`no dead letter of event ${eventId}${values.subscriber ? ` for ${values.subscriber}` : ''}`);
    return 1;
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.end()));
  }
}

if (require.main === module) {
  eventsCommand(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
