import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { MultiBar, Presets } from 'cli-progress';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { agreementsSubgraph } from '@pq/agreements';
import { appealsSubgraph } from '@pq/appeals';
import { migrate, openDatabase } from '@pq/data';
import { SubgraphDefinition } from '@pq/subgraph';
import { addDays } from '@pq/time';
import { registrySubgraph } from '@pq/registry';
import { scoringSubgraph } from '@pq/scoring';
import { startEmbeddedPostgres } from './database';
import { institutionCode, institutionOfPerson, personCode, personIdNumber, planFor, random, REGIONS, ScalePlan } from './scale-data';

const ROOT = path.resolve(__dirname, '../..');
import { busyResources } from './processes';
import { SCALE_DATABASE, sizedScaleDatabase } from './seed-scale-database';

const field = (value: unknown) =>
  value === null || value === undefined ? '\\N' : String(value).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
const pgArray = (values: string[]) => `{${values.join(',')}}`;

/** Streams generated rows into a table with COPY; the bar follows the rows. */
async function copy(client: Client, table: string, columns: string[], rows: Iterable<unknown[]>, bar: { increment(n?: number): void }): Promise<void> {
  const lines = (function* () {
    let chunk = '';
    let count = 0;
    for (const row of rows) {
      chunk += `${row.map(field).join('\t')}\n`;
      if (++count % 5000 === 0) {
        bar.increment(5000);
        yield chunk;
        chunk = '';
      }
    }
    bar.increment(count % 5000);
    if (chunk) yield chunk;
  })();
  await pipeline(Readable.from(lines), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
}

interface Sanctioned {
  kind: 'SUSPENSION' | 'TERMINATION';
  from: string;
  until: string;
  id: string;
  document: string;
}

/**
 * `npm run seed:scale -- --persons 1000000`: a province — persons (10 % at two sites),
 * institutions with agreements, three years of score records with the sanctions they imply,
 * appeals — loaded with COPY into every subgraph's own tables, read models included, so the
 * services run on it as on real data. Deterministic: the same size gives the same data.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      persons: { type: 'string', default: '1000000' },
      database: { type: 'string' },
      reset: { type: 'boolean', default: false },
      // Each size in a database of its own, so that `npm run bench -- --sizes` compares them.
      sized: { type: 'boolean', default: false },
    },
  });
  const database = values.sized ? sizedScaleDatabase(Number(values.persons)) : SCALE_DATABASE;
  const plan: ScalePlan = planFor(Number(values.persons));
  let databaseUrl = values.database ?? process.env.DATABASE_URL;
  // A bulk load that can be run again: the embedded database takes it without fsync or synchronous commit.
  const dataDir = path.join(ROOT, '.data/postgres');
  const busy = databaseUrl ? [] : await busyResources({ ports: [], dataDir });
  if (busy.length) throw new Error(`seed:scale cannot start: ${busy.join('; ')} (stop \`npm start\` or the benchmark first)`);
  const embedded = databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir, port: Number(process.env.PQ_POSTGRES_PORT ?? 54329), durable: false });
  if (embedded) {
    process.stdout.write(
      'loading with fsync and synchronous commit off (restored when the database next starts); an operating-system crash during the load can damage .data/postgres\n',
    );
    if (values.reset) await embedded.dropDatabase(database).catch(() => undefined);
    await embedded.createDatabase(database);
    databaseUrl = embedded.urlFor(database);
  }
  const started = Date.now();
  for (const definition of [registrySubgraph, scoringSubgraph, agreementsSubgraph, appealsSubgraph] as SubgraphDefinition<unknown>[]) {
    const orm = await openDatabase({ schema: definition.name, url: databaseUrl!, entities: definition.entities, migrations: definition.migrations });
    await migrate(orm, definition.name);
    await orm.close();
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const [{ count }] = (await client.query('select count(*)::int as count from registry.person')).rows;
  if (count > 0) {
    process.stdout.write(`the database already holds ${count} persons; seed:scale loads an empty database (--reset reloads it)\n`);
    await client.end();
    await embedded?.stop();
    return;
  }
  await client.query('set synchronous_commit = off');

  // Without a terminal (CI, logs) the bars still report every few seconds.
  const bars = new MultiBar(
    { format: ' {bar} {percentage}% | {value}/{total} {table}', hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 5000 },
    Presets.shades_classic,
  );
  const bar = (table: string, total: number) => bars.create(total, 0, { table });
  const rnd = random(20261122);
  const validFrom = '2026-01-01';
  const validUntil = '2026-12-31';

  // Institutions and agreements: agreements' own tables and the read models of the others.
  const institutions = Array.from({ length: plan.institutions }, (_, i) => {
    const code = institutionCode(i);
    return { code, kind: code[0] === 'H' ? 'MEDICAL' : 'PHARMACY', region: code.slice(1, 7), agreementId: randomUUID() };
  });
  await copy(
    client,
    'agreements.institution',
    ['code', 'name', 'kind', 'region_code'],
    institutions.map((i) => [i.code, `${i.kind === 'MEDICAL' ? '医院' : '药店'}${i.code}`, i.kind, i.region]),
    bar('institutions', plan.institutions),
  );
  await copy(
    client,
    'agreements.agreement',
    ['id', 'institution_code', 'region_code', 'status', 'status_since', 'valid_from', 'valid_until'],
    institutions.map((i) => [i.agreementId, i.code, i.region, 'ACTIVE', validFrom, validFrom, validUntil]),
    bar('agreements', plan.institutions),
  );
  await copy(
    client,
    'registry.institution_view',
    ['code', 'kind', 'region_code'],
    institutions.map((i) => [i.code, i.kind, i.region]),
    bar('registry institutions', plan.institutions),
  );
  await copy(
    client,
    'registry.agreement_status_interval',
    ['institution_code', 'agreement_valid_from', 'agreement_valid_until', 'status', 'valid_from'],
    institutions.map((i) => [i.code, validFrom, validUntil, 'ACTIVE', validFrom]),
    bar('registry agreements', plan.institutions),
  );
  await copy(
    client,
    'scoring.institution_view',
    ['code', 'region_code', 'kind'],
    institutions.map((i) => [i.code, i.region, i.kind]),
    bar('scoring institutions', plan.institutions),
  );
  await copy(
    client,
    'appeals.institution_view',
    ['code', 'region_code', 'kind'],
    institutions.map((i) => [i.code, i.region, i.kind]),
    bar('appeals institutions', plan.institutions),
  );

  // Score records over three years, then the sanctions the national rules give their totals.
  const years = [2024, 2025, 2026];
  const totals = new Map<string, number>();
  const records: { id: string; person: number; institution: string; points: number; year: number; decidedOn: string; document: string; noticeId: string }[] =
    [];
  for (let r = 0; r < plan.scoreRecords; r++) {
    const person = Math.floor(rnd() * rnd() * plan.persons); // skewed: some persons are scored often
    const year = years[r % 3];
    const points = 1 + Math.floor(rnd() * rnd() * 9);
    const key = `${person}|${year}`;
    totals.set(key, (totals.get(key) ?? 0) + points);
    records.push({
      id: randomUUID(),
      person,
      institution: institutionOfPerson(person, plan, 0),
      points,
      year,
      decidedOn: addDays(`${year}-01-02`, Math.floor(rnd() * 300)),
      document: `鲁医保罚〔${year}〕${r}号`,
      noticeId: randomUUID(),
    });
  }
  const sanctioned = new Map<number, Sanctioned>();
  for (const [key, total] of totals) {
    const [person, year] = key.split('|').map(Number);
    if (year !== 2026 || total < 9) continue;
    const from = `2026-0${1 + (person % 9)}-15`;
    sanctioned.set(
      person,
      total >= 12
        ? { kind: 'TERMINATION', from, until: addDays(`2027-0${1 + (person % 9)}-15`, -1), id: randomUUID(), document: `鲁医保罚〔2026〕终${person}号` }
        : {
            kind: 'SUSPENSION',
            from,
            until: addDays(`2026-0${1 + (person % 9)}-15`, 30 * (total - 8)),
            id: randomUUID(),
            document: `鲁医保罚〔2026〕暂${person}号`,
          },
    );
  }

  // The decision that crossed the threshold carries the sanction on its notice (S8), so institution
  // figures (S10, S14) count the sanction at that institution.
  const sanctionOfNotice = new Map<string, string>();
  const runningIn2026 = new Map<number, number>();
  for (const r of records) {
    const sanction = r.year === 2026 ? sanctioned.get(r.person) : undefined;
    if (!sanction) continue;
    const before = runningIn2026.get(r.person) ?? 0;
    runningIn2026.set(r.person, before + r.points);
    if (before < 9 && before + r.points >= 9) sanctionOfNotice.set(r.noticeId, sanction.id);
  }

  // Persons and registrations (10 % at a second site), with their status history.
  const registrationCount = Math.round(plan.persons * (1 + plan.multiSiteShare));
  const statusOf = (person: number) => (sanctioned.get(person)?.kind === 'TERMINATION' ? 'TERMINATED' : sanctioned.has(person) ? 'SUSPENDED' : 'NORMAL');
  await copy(
    client,
    'registry.person',
    ['code', 'name', 'id_number', 'birth_date', 'gender', 'phone', 'category', 'region_code', 'status', 're_registration_blocked_until'],
    (function* () {
      for (let p = 0; p < plan.persons; p++) {
        const id = personIdNumber(p);
        const sanction = sanctioned.get(p);
        yield [
          personCode(p),
          `医师${p}`,
          id,
          `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
          Number(id[16]) % 2 ? 'MALE' : 'FEMALE',
          `138${String(p).padStart(8, '0')}`,
          'DOCTOR',
          REGIONS[p % REGIONS.length],
          statusOf(p),
          sanction?.kind === 'TERMINATION' ? sanction.until : null,
        ];
      }
    })(),
    bar('persons', plan.persons),
  );
  const registrations = function* () {
    for (let p = 0; p < plan.persons; p++) {
      yield { person: p, institution: institutionOfPerson(p, plan, 0) };
      if (p % 10 === 0 && institutionOfPerson(p, plan, 1) !== institutionOfPerson(p, plan, 0))
        yield { person: p, institution: institutionOfPerson(p, plan, 1) };
    }
  };
  const registrationIds: string[] = [];
  await copy(
    client,
    'registry.registration',
    ['id', 'person_code', 'institution_code', 'status', 'commitment_signed_on', 'registered_on'],
    (function* () {
      for (const r of registrations()) {
        const id = randomUUID();
        registrationIds.push(id);
        yield [id, personCode(r.person), r.institution, statusOf(r.person), '2024-01-01', '2024-01-01'];
      }
    })(),
    bar('registrations', registrationCount),
  );
  await copy(
    client,
    'registry.status_interval',
    ['id', 'registration_id', 'person_code', 'institution_code', 'status', 'status_after_review', 'valid_from', 'valid_to', 'cause', 'basis_document'],
    (function* () {
      let i = 0;
      for (const r of registrations()) {
        const id = registrationIds[i++];
        const sanction = sanctioned.get(r.person);
        yield [randomUUID(), id, personCode(r.person), r.institution, 'NORMAL', 'NORMAL', '2024-01-01', sanction?.from ?? null, 'registered (登记备案)', null];
        if (sanction)
          yield [
            randomUUID(),
            id,
            personCode(r.person),
            r.institution,
            statusOf(r.person),
            statusOf(r.person),
            sanction.from,
            null,
            `payment qualification ${sanction.kind.toLowerCase()}`,
            sanction.document,
          ];
      }
    })(),
    bar('status intervals', registrationCount + sanctioned.size * 1.1),
  );
  await copy(
    client,
    'registry.sanction_view',
    ['sanction_id', 'person_code', 'kind', 'valid_from', 'until', 'decided_on', 're_registration_blocked_until', 'basis_document'],
    [...sanctioned].map(([p, s]) => [s.id, personCode(p), s.kind, s.from, s.until, s.from, s.kind === 'TERMINATION' ? s.until : null, s.document]),
    bar('sanction causes', sanctioned.size),
  );
  await copy(
    client,
    'scoring.person_view',
    ['code', 'name', 'institution_codes', 'region_codes'],
    (function* () {
      for (let p = 0; p < plan.persons; p++) {
        const sites = p % 10 === 0 ? [institutionOfPerson(p, plan, 0), institutionOfPerson(p, plan, 1)] : [institutionOfPerson(p, plan, 0)];
        yield [personCode(p), `医师${p}`, pgArray([...new Set(sites)]), pgArray([...new Set(sites.map((s) => s.slice(1, 7)))])];
      }
    })(),
    bar('scoring persons', plan.persons),
  );
  await copy(
    client,
    'scoring.registration_view',
    ['institution_code', 'person_code', 'registration_id', 'registered_on'],
    (function* () {
      let i = 0;
      for (const r of registrations()) yield [r.institution, personCode(r.person), registrationIds[i++], '2024-01-01'];
    })(),
    bar('scoring registrations', registrationCount),
  );

  await copy(
    client,
    'scoring.notice',
    ['id', 'person_code', 'institution_code', 'decision_document', 'document_number', 'issue_by', 'deliver_by', 'delivered_on', 'appeal_by', 'sanction_id'],
    records.map((r) => [
      r.noticeId,
      personCode(r.person),
      r.institution,
      r.document,
      `${r.document}/${personCode(r.person)}`,
      addDays(r.decidedOn, 7),
      addDays(r.decidedOn, 10),
      addDays(r.decidedOn, 9),
      addDays(r.decidedOn, 23),
      sanctionOfNotice.get(r.noticeId) ?? null,
    ]),
    bar('notices', records.length),
  );
  const running = new Map<string, number>();
  await copy(
    client,
    'scoring.score_record',
    [
      'id',
      'person_code',
      'institution_code',
      'rule_set_id',
      'violation_code',
      'also_matched',
      'responsibility',
      'mitigation',
      'aggravation',
      'points',
      'decided_on',
      'year',
      'year_total_after',
      'decision_type',
      'document_number',
      'notice_id',
    ],
    records.map((r) => {
      const key = `${r.person}|${r.year}`;
      running.set(key, (running.get(key) ?? 0) + r.points);
      return [
        r.id,
        personCode(r.person),
        r.institution,
        'national-2025',
        'N1-01',
        '[]',
        'GENERAL',
        false,
        false,
        r.points,
        r.decidedOn,
        r.year,
        running.get(key),
        'AGREEMENT_HANDLING',
        r.document,
        r.noticeId,
      ];
    }),
    bar('score records', records.length),
  );
  await copy(
    client,
    'scoring.person_year',
    ['person_code', 'year', 'points'],
    [...totals].map(([key, total]) => {
      const [p, y] = key.split('|').map(Number);
      return [personCode(p), y, total];
    }),
    bar('yearly totals', totals.size),
  );
  await copy(
    client,
    'scoring.sanction',
    ['id', 'person_code', 'kind', '"from"', 'decided_on', 'until', 'months', 'ban_years', 'year_total', 'reason', 'basis_document', 'state'],
    [...sanctioned].map(([p, s]) => [
      s.id,
      personCode(p),
      s.kind,
      s.from,
      s.from,
      s.until,
      s.kind === 'SUSPENSION' ? totals.get(`${p}|2026`)! - 8 : null,
      s.kind === 'TERMINATION' ? 1 : null,
      totals.get(`${p}|2026`),
      'generated',
      s.document,
      'IN_FORCE',
    ]),
    bar('sanctions', sanctioned.size),
  );
  await copy(
    client,
    'appeals.score_record_view',
    ['id', 'person_code', 'institution_code', 'points', 'decided_on', 'document_number', 'region_code', 'appeal_by'],
    records.map((r) => [r.id, personCode(r.person), r.institution, r.points, r.decidedOn, r.document, r.institution.slice(1, 7), addDays(r.decidedOn, 23)]),
    bar('appeal read model', records.length),
  );
  await copy(
    client,
    'appeals.appeal',
    ['id', 'score_record_id', 'person_code', 'institution_code', 'region_code', 'subject', 'status', 'filed_on', 'decide_by', 'statement', 'filed_by'],
    records
      .slice(0, plan.appeals)
      .map((r, i) => [
        randomUUID(),
        r.id,
        personCode(r.person),
        r.institution,
        r.institution.slice(1, 7),
        'SCORE',
        i % 4 === 0 ? 'UPHELD' : 'FILED',
        addDays(r.decidedOn, 12),
        addDays(r.decidedOn, 40),
        '申请复核',
        'seed',
      ]),
    bar('appeals', plan.appeals),
  );
  bars.stop();

  // As autovacuum would leave a settled database: statistics, every row's visibility settled (the
  // benchmark's copies would otherwise set hint bits, writing pages, in every run) and the
  // visibility maps that let index-only scans (a region's figures, a personnel page) skip the table.
  process.stdout.write('vacuuming and analysing tables…\n');
  await client.query('vacuum (freeze, analyze)');
  await client.end();
  await embedded?.stop();
  process.stdout.write(
    `loaded ${plan.persons} persons, ${registrationIds.length} registrations, ${plan.institutions} institutions, ${records.length} score records, ${sanctioned.size} sanctions, ${plan.appeals} appeals in ${Math.round((Date.now() - started) / 1000)} s (database ${new URL(databaseUrl!).pathname.slice(1)})\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
