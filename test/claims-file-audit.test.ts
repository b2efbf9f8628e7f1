import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import type { Caller } from '@pq/caller';
import { DEMO_INSTITUTIONS, DEMO_PEOPLE, MULTI_SITE_DOCTOR } from '../scripts/src/demo';
import { startSeededStack, Stack } from './harness';

// Issue #21: auditClaims over a settlement file (POST /claims/audit through the gateway): the same
// verdicts line for line, the same roles and scope, an audit entry, a precise refusal of a bad line.
let stack: Stack;
let endpoint: string;
const HOSPITAL_A = 'H37080200090';
const WEIHAI = 'H37100200015';
const AUDIT = `query($claims: [ClaimInput!]!) { auditClaims(claims: $claims) { checked rejectedCount rejectedAmount rejected { lineId reason status } } }`;

beforeAll(async () => {
  stack = await startSeededStack('2026-03-16');
  endpoint = new URL('/claims/audit', stack.url).toString();
  // Statuses that change within the generated dates: hospital A suspended on the 16th, resumed on the 20th.
  for (const [day, name, input] of [
    [
      '2026-03-16',
      'suspendAgreement',
      { institutionCode: HOSPITAL_A, reason: '违规结算', basisDocument: '济医保协〔2026〕中止7号', responsiblePersonCodes: [MULTI_SITE_DOCTOR] },
    ],
    ['2026-03-20', 'resumeAgreement', { institutionCode: HOSPITAL_A, reason: '整改到位' }],
  ] as const) {
    stack.clock.set(day);
    const response = await stack.query(`mutation($input: AgreementMeasureInput!) { ${name}(input: $input) { institution { code } } }`, { input });
    expect(response.errors).toBeUndefined();
    await stack.eventsDelivered();
  }
});
afterAll(() => stack?.stop());

interface Claim {
  lineId: string;
  personCode: string;
  institutionCode: string;
  serviceDate: string;
  emergency: boolean;
  amount: number;
}

const csv = (claims: Claim[]) =>
  [
    'lineId,personCode,institutionCode,serviceDate,emergency,amount',
    ...claims.map((c) => [c.lineId, c.personCode, c.institutionCode, c.serviceDate, c.emergency, c.amount].join(',')),
  ].join('\n');
const ndjson = (claims: Claim[]) => claims.map((c) => JSON.stringify(c)).join('\n');

async function postFile(body: string | AsyncIterable<Uint8Array>, contentType: string, options: { accept?: string; as?: Partial<Caller> | null } = {}) {
  const token = options.as === null ? undefined : await stack.token(options.as ?? {});
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(options.accept ? { accept: options.accept } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body as BodyInit,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** The NDJSON answer: the rejected lines, then the summary. */
const readNdjson = (text: string) => {
  const records = text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const { summary } = records.pop();
  return { rejected: records, summary };
};

/** The CSV answer: its header, the rejected lines, then the summary comment. Test line ids carry no comma; reasons none either. */
const readCsv = (text: string) => {
  const lines = text.trim().split('\n');
  expect(lines.shift()).toBe('lineId,reason,status');
  const trailer = lines.pop()!;
  const [, checked, rejectedCount, rejectedAmount] = /^# summary: checked=(\d+), rejectedCount=(\d+), rejectedAmount=([\d.]+)$/.exec(trailer)!;
  const rejected = lines.map((line) => {
    const [lineId, reason, status] = line.split(',');
    return { lineId, reason, status };
  });
  return { rejected, summary: { checked: Number(checked), rejectedCount: Number(rejectedCount), rejectedAmount: Number(rejectedAmount) } };
};

const auditClaims = async (claims: Claim[]) => {
  const response = await stack.query(AUDIT, { claims });
  expect(response.errors).toBeUndefined();
  const { rejected, ...summary } = response.data.auditClaims;
  return { rejected, summary };
};

const people = [...Object.values(DEMO_PEOPLE).map((p) => p.code), 'D370802000000'];
const claimLines = fc
  .array(
    fc.record({
      personCode: fc.constantFrom(...people),
      institutionCode: fc.constantFrom(...DEMO_INSTITUTIONS.map((i) => i.code), 'H37080299999'),
      serviceDate: fc.integer({ min: 0, max: 420 }).map((days) => new Date(Date.UTC(2025, 6, 1 + days)).toISOString().slice(0, 10)),
      emergency: fc.boolean(),
      amount: fc.integer({ min: 0, max: 100_000 }).map((cents) => cents / 100),
    }),
    { minLength: 1, maxLength: 200 },
  )
  .map((lines) => lines.map((line, i) => ({ lineId: `L${i}`, ...line })));

describe('POST /claims/audit gives the verdicts of auditClaims', () => {
  test('on generated files — every person, institution, date, emergency — line for line, in CSV and NDJSON, with the same summary', async () => {
    await fc.assert(
      fc.asyncProperty(claimLines, fc.constantFrom('csv', 'ndjson'), fc.constantFrom('csv', 'ndjson'), async (claims, input, output) => {
        const expected = await auditClaims(claims);
        const answer = await postFile(input === 'csv' ? csv(claims) : ndjson(claims), input === 'csv' ? 'text/csv' : 'application/x-ndjson', {
          accept: output === 'csv' ? 'text/csv' : 'application/x-ndjson',
        });
        expect(answer.status).toBe(200);
        expect(answer.contentType).toContain(output === 'csv' ? 'text/csv' : 'application/x-ndjson');
        expect(output === 'csv' ? readCsv(answer.text) : readNdjson(answer.text)).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });

  test('answers in the format of the input without Accept; a line id with a comma comes back quoted in CSV', async () => {
    const claims: Claim[] = [
      { lineId: 'A,1', personCode: 'D370802000000', institutionCode: HOSPITAL_A, serviceDate: '2026-03-10', emergency: false, amount: 12.5 },
    ];
    const ndjsonAnswer = await postFile(ndjson(claims), 'application/x-ndjson');
    expect(ndjsonAnswer.contentType).toContain('application/x-ndjson');
    expect(readNdjson(ndjsonAnswer.text)).toEqual(await auditClaims(claims));
    const csvAnswer = await postFile(ndjson(claims), 'application/x-ndjson', { accept: 'text/csv' });
    expect(csvAnswer.text.split('\n')[1]).toMatch(/^"A,1",not payable: the person was not registered at this institution on 2026-03-10,CANCELLED$/);
    const header = (await postFile(csv([]), 'text/csv')).text;
    expect(header).toBe('lineId,reason,status\n# summary: checked=0, rejectedCount=0, rejectedAmount=0\n');
  });
});

describe('the same callers and scope as auditClaims', () => {
  const line = (institutionCode: string, i: number): Claim => ({
    lineId: `S${i}`,
    personCode: MULTI_SITE_DOCTOR,
    institutionCode,
    serviceDate: '2026-03-10',
    emergency: false,
    amount: 1,
  });

  test('a city agency is refused a file with a line of another city (403, the line named); its own city is audited', async () => {
    const jining = { role: 'CITY_AGENCY', region: '370802' } as const;
    const refused = await postFile(csv([line(HOSPITAL_A, 1), line(WEIHAI, 2), line(HOSPITAL_A, 3)]), 'text/csv', { as: jining });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text)).toEqual({
      code: 'FORBIDDEN',
      error: `line 3: institution ${WEIHAI} is outside the caller's scope`,
      line: 3,
      field: 'institutionCode',
    });
    expect((await postFile(csv([line(HOSPITAL_A, 1)]), 'text/csv', { as: jining })).status).toBe(200);
  });

  test('roles auditClaims refuses are refused; no token is 401', async () => {
    const refusal = async (as: Partial<Caller> | null) => (await postFile(csv([line(HOSPITAL_A, 1)]), 'text/csv', { as })).status;
    expect(await refusal({ role: 'INSTITUTION', institution: HOSPITAL_A, region: '370802' })).toBe(403);
    expect(await refusal({ role: 'PERSON', person: MULTI_SITE_DOCTOR, region: '370802' })).toBe(403);
    expect(await refusal(null)).toBe(401);
    expect(await refusal({ role: 'ADMINISTRATION', region: '370802' })).toBe(200);
  });
});

describe('a client mistake refuses the file, names the line, and changes nothing', () => {
  const auditEntries = async () =>
    (await stack.query(`{ registryAuditLog(first: 500) { edges { node { operation target } } } }`)).data.registryAuditLog.edges
      .map((e: any) => e.node)
      .filter((entry: any) => entry.operation === 'auditClaims');

  test.each([
    [
      'text/csv',
      'lineId,personCode,institutionCode,serviceDate,emergency,amount\nL1,P,H37080200090,2026-03-10,,1\nL2,P,H37080200090,2026-02-30,,1\n',
      3,
      'serviceDate',
    ],
    ['text/csv', 'lineId,personCode,institutionCode,serviceDate,emergency,amount\nL1,P,H37080200090,2026-03-10,yes,1\n', 2, 'emergency'],
    ['text/csv', 'lineId,personCode,institutionCode,serviceDate,emergency,amount\n\nL1,P,H37080200090,2026-03-10,,0x10\n', 3, 'amount'],
    ['text/csv', 'lineId,personCode,institutionCode,serviceDate,emergency,amount\nL1,P,H37080200090,2026-03-10,,1e308\n', 2, 'amount'],
    ['text/csv', 'lineId,personCode,institutionCode,serviceDate,emergency,amount\nL1,P,H37080200090,2026-03-10,1\n', 2, undefined],
    ['text/csv', 'lineId;personCode\n', 1, undefined],
    [
      'application/x-ndjson',
      '{"lineId":"L1","personCode":"P","institutionCode":"H37080200090","serviceDate":"2026-03-10","amount":1}\n{"lineId":"L2"',
      2,
      undefined,
    ],
    ['application/x-ndjson', '{"lineId":"L1","personCode":"P","institutionCode":"H37080200090","serviceDate":"2026-03-10","amount":"1"}', 1, 'amount'],
    [
      'application/x-ndjson',
      `{"lineId":"L1","personCode":"${'P'.repeat(65)}","institutionCode":"H37080200090","serviceDate":"2026-03-10","amount":1}`,
      1,
      'personCode',
    ],
    ['application/x-ndjson', '{"lineId":"L1","personCode":"P","institutionCode":"H37080200090","serviceDate":"2026-03-10","amount":1,"note":"x"}', 1, 'note'],
  ])('%s %j → 400 at line %d', async (contentType, body, line, field) => {
    const before = (await auditEntries()).length;
    const answer = await postFile(body, contentType);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      code: 'BAD_USER_INPUT',
      error: expect.stringMatching(new RegExp(`^line ${line}: `)),
      line,
      ...(field ? { field } : {}),
    });
    expect(await auditEntries()).toHaveLength(before);
  });

  test('a content type other than CSV or NDJSON is refused', async () => {
    expect((await postFile('{}', 'application/json')).status).toBe(400);
  });

  test('an audited file leaves one audit entry, read by the administration of its region and not by another', async () => {
    const claims: Claim[] = [
      { lineId: 'E1', personCode: 'D370802000000', institutionCode: HOSPITAL_A, serviceDate: '2026-03-10', emergency: false, amount: 3 },
      { lineId: 'E2', personCode: MULTI_SITE_DOCTOR, institutionCode: HOSPITAL_A, serviceDate: '2026-03-10', emergency: false, amount: 4 },
    ];
    expect((await postFile(csv(claims), 'text/csv', { as: { role: 'PROVINCIAL_AGENCY', region: '37' } })).status).toBe(200);
    const log = async (region: string) =>
      (
        await stack.query(`{ registryAuditLog(first: 500) { edges { node { operation target caller } } } }`, {}, { role: 'ADMINISTRATION', region })
      ).data.registryAuditLog.edges
        .map((e: any) => e.node)
        .filter((entry: any) => entry.operation === 'auditClaims');
    expect(await log('370802')).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'claims file: 2 lines, 1 rejected' })]));
    expect(await log('44')).toEqual([]);
    // The same lines through GraphQL's auditClaims leave their entry too.
    await stack.query(AUDIT, { claims }, { role: 'PROVINCIAL_AGENCY', region: '37' });
    expect(await log('370802')).toEqual(expect.arrayContaining([expect.objectContaining({ target: 'claims: 2 lines, 1 rejected' })]));
    expect(await log('44')).toEqual([]);
  });
});

/** A generated file of `lines` claims, more than half of them rejected, sent in pieces of 5,000 lines. */
async function* monthFile(lines: number) {
  yield Buffer.from('lineId,personCode,institutionCode,serviceDate,emergency,amount\n');
  for (let start = 0; start < lines; start += 5000) {
    let text = '';
    for (let i = start; i < start + 5000; i++)
      text += `M${i},${i % 3 ? 'D370802000000' : MULTI_SITE_DOCTOR},${i % 2 ? HOSPITAL_A : WEIHAI},2026-03-${String(1 + (i % 28)).padStart(2, '0')},${i % 7 === 0},1.5\n`;
    yield Buffer.from(text);
  }
}

describe('a body the server must not trust', () => {
  test('a line longer than 4 KiB is refused at its number while it is still coming, however the body is cut', async () => {
    async function* noNewline() {
      yield Buffer.from('lineId,personCode,institutionCode,serviceDate,emergency,amount\nL1,');
      for (let i = 0; i < 256; i++) yield Buffer.from('P'.repeat(4096));
    }
    const answer = await postFile(noNewline(), 'text/csv');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ code: 'BAD_USER_INPUT', error: 'line 2: a line is at most 4096 characters', line: 2 });
  });

  test('the answer spooled to disk is named by the server: a long or repeated x-request-id changes nothing', async () => {
    const token = await stack.token({});
    const post = () =>
      fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}`, 'x-request-id': 'r'.repeat(300) },
        body: monthFile(60_000) as unknown as BodyInit,
        duplex: 'half',
      } as RequestInit).then(async (response) => ({ status: response.status, size: (await response.text()).length }));
    // Over 1 MiB of rejections each, so both answers go to a temporary file at once.
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    for (const answer of answers) expect(answer.size).toBeGreaterThan(2 ** 20);
  }, 60_000);
});

describe('a month-sized file', () => {
  test('300,000 lines stream through with flat memory: the answer (mostly rejections) is not held in the heap', async () => {
    const LINES = 300_000;
    const file = () => monthFile(LINES);
    // What the heap holds, garbage collected first (the flag set at run time gives `gc` to a new context): the
    // heap as used between collections rose with the machine's load (two test workers on two cores), not the audit.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const held = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = held();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, held())), 250);
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson', authorization: `Bearer ${await stack.token({})}` },
      body: file() as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(200);
    // Read as it comes, keeping the last line only: this process holds the services too.
    let last = '';
    const decoder = new TextDecoder();
    for await (const piece of response.body as unknown as AsyncIterable<Uint8Array>) last = (last + decoder.decode(piece, { stream: true })).slice(-2000);
    clearInterval(sampler);
    const { summary } = JSON.parse(last.trim().split('\n').pop()!);
    expect(summary.checked).toBe(LINES);
    expect(summary.rejectedCount).toBeGreaterThan(LINES / 2);
    // The file is ~20 MB of text and its answer ~30 MB; holding either as objects takes several times that.
    expect(peak - before).toBeLessThan(100 * 2 ** 20);
  }, 120_000);
});
