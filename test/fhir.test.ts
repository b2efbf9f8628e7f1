import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { request } from 'node:http';
import { Client } from 'fhir-kit-client';
import { DEMO_PEOPLE, MULTI_SITE_DOCTOR } from '../scripts/src/demo';
import { startSeededStack, Stack } from './harness';

const TODAY = '2026-03-16';
const PAYMENT_QUALIFICATION = 'https://pq.example.cn/fhir/StructureDefinition/payment-qualification';
const AGREEMENT = 'https://pq.example.cn/fhir/StructureDefinition/service-agreement';
const REGISTRATIONS = `query($code: ID!) { person(code: $code) { registrations(includeCancelled: true) { id updatedAt institution { code } } } }`;
const REGISTER = `mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }`;
const CANCEL = `mutation($input: CancelRegistrationInput!) { cancelRegistration(input: $input) { registration { id status updatedAt } } }`;

let stack: Stack;
let base: string;
const validator = new JSONSchemaValidator();

/** Every resource and Bundle the view serves must be valid against the official R4 JSON schema. */
function valid<T>(resource: T): T {
  expect(validator.validate(resource, true)).toEqual([]);
  return resource;
}

beforeAll(async () => {
  stack = await startSeededStack(TODAY);
  base = stack.url.replace(/\/graphql$/, '/fhir');
});

afterAll(() => stack?.stop());

const partnerClient = async (region: string) => new Client({ baseUrl: base, bearerToken: await stack.token({ role: 'HEALTH_PARTNER', region }) });

/** A raw GET as any HTTP client would send it: status, content type and parsed body. */
async function get(path: string, token?: string | null): Promise<{ status: number; contentType: string | null; body: any }> {
  const authorization = token === null ? undefined : (token ?? (await stack.token({})));
  const response = await fetch(`${base}/${path}`, { headers: authorization ? { authorization: `Bearer ${authorization}` } : {} });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.json() };
}

async function registrationsOf(code: string): Promise<{ id: string; updatedAt: string; institution: { code: string } }[]> {
  const response = await stack.query(REGISTRATIONS, { code });
  expect(response.errors).toBeUndefined();
  return response.data.person.registrations;
}

const extensionPart = (resource: any, url: string, part: string) =>
  resource.extension.find((e: any) => e.url === url).extension.find((e: any) => e.url === part);

test('the CapabilityStatement is public and names what the view serves', async () => {
  const { status, contentType, body } = await get('metadata', null);
  expect(status).toBe(200);
  expect(contentType).toMatch(/^application\/fhir\+json/);
  valid(body);
  expect(body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.0', kind: 'instance' });
  expect(body.rest[0].resource.map((r: any) => r.type)).toEqual(['Practitioner', 'PractitionerRole', 'Organization']);
});

test('a health partner reads a practitioner with fhir-kit-client: masked identifier, no birth date, status and points', async () => {
  const client = await partnerClient('3708');
  const practitioner: any = valid(await client.read({ resourceType: 'Practitioner', id: MULTI_SITE_DOCTOR }));
  expect(practitioner).toMatchObject({ resourceType: 'Practitioner', id: MULTI_SITE_DOCTOR, name: [{ text: DEMO_PEOPLE.multiSiteDoctor.name }] });
  const idNumber = practitioner.identifier.find((i: any) => i.system.endsWith('/resident-id-number')).value;
  expect(idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  expect(idNumber).not.toBe(DEMO_PEOPLE.multiSiteDoctor.idNumber);
  expect(practitioner.birthDate).toBeUndefined();
  expect(extensionPart(practitioner, PAYMENT_QUALIFICATION, 'status').valueCode).toBe('NORMAL');
  expect(extensionPart(practitioner, PAYMENT_QUALIFICATION, 'points').valueInteger).toBeGreaterThan(0);
});

test('an agency reads the full identifier, and that read is audited as in GraphQL', async () => {
  const { status, body } = await get(`Practitioner/${DEMO_PEOPLE.nurse.code}`);
  expect(status).toBe(200);
  valid(body);
  expect(body.identifier.find((i: any) => i.system.endsWith('/resident-id-number')).value).toBe(DEMO_PEOPLE.nurse.idNumber);
  expect(body.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const audit = await stack.query(`query($target: String) { registryAuditLog(filter: { target: $target }) { edges { node { operation } } } }`, {
    target: DEMO_PEOPLE.nurse.code,
  });
  expect(audit.data.registryAuditLog.edges.map((e: any) => e.node.operation)).toContain('read idNumber');
});

test('a partner pages through an organization’s active roles with the client’s paging; each page a valid searchset', async () => {
  const client = await partnerClient('3708');
  const first: any = valid(
    await client.search({ resourceType: 'PractitionerRole', searchParams: { organization: 'Organization/H37080200090', active: 'true', _count: '1' } }),
  );
  expect(first).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
  expect(first.entry).toHaveLength(1);
  expect(first.link.map((l: any) => l.relation)).toEqual(['self', 'next']);
  const second: any = valid(await client.nextPage({ bundle: first }));
  expect(second.entry).toHaveLength(1);
  expect(second.link.map((l: any) => l.relation)).toEqual(['self']);
  expect(client.nextPage({ bundle: second })).toBeUndefined();

  const roles = [...first.entry, ...second.entry].map((e: any) => e.resource);
  expect(roles.map((r: any) => r.practitioner.reference).sort()).toEqual([`Practitioner/${MULTI_SITE_DOCTOR}`, `Practitioner/${DEMO_PEOPLE.nurse.code}`]);
  for (const role of roles) {
    expect(role).toMatchObject({ active: true, organization: { reference: 'Organization/H37080200090' } });
    expect(role.code[0].coding[0].system).toMatch(/personnel-category$/);
    expect(role.meta.lastUpdated).toMatch(/Z$/);
  }
  expect(first.entry[0].fullUrl).toBe(`${base}/PractitionerRole/${first.entry[0].resource.id}`);
});

test('active=false finds the suspended doctor; the role carries the payment-qualification status', async () => {
  const { status, body } = await get('PractitionerRole?organization=H37080200131&active=false');
  expect(status).toBe(200);
  valid(body);
  expect(body.total).toBe(1);
  const role = body.entry[0].resource;
  expect(role).toMatchObject({ active: false, practitioner: { reference: `Practitioner/${DEMO_PEOPLE.suspendedDoctor.code}` } });
  expect(extensionPart(role, PAYMENT_QUALIFICATION, 'status').valueCode).toBe('SUSPENDED');
});

test('_lastUpdated finds the registrations changed since: a cancellation moves its role into the window', async () => {
  const later = await get(`PractitionerRole?_lastUpdated=ge${new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)}`);
  expect(later.status).toBe(200);
  expect(later.body.total).toBe(0);

  const [nurseRegistration] = await registrationsOf(DEMO_PEOPLE.nurse.code);
  const before = new Date().toISOString();
  const cancelled = await stack.query(CANCEL, { input: { registrationId: nurseRegistration.id, on: TODAY, reason: '调离' } });
  expect(cancelled.errors).toBeUndefined();
  await stack.eventsDelivered();
  expect(cancelled.data.cancelRegistration.registration.updatedAt > nurseRegistration.updatedAt).toBe(true);

  const since = await get(`PractitionerRole?_lastUpdated=${encodeURIComponent(`ge${before}`)}`);
  expect(since.status).toBe(200);
  valid(since.body);
  expect(since.body.entry.map((e: any) => e.resource.id)).toEqual([nurseRegistration.id]);
  expect(since.body.entry[0].resource).toMatchObject({ active: false, period: { end: TODAY } });
});

test('a derivation that changes nothing leaves a role’s lastUpdated alone: a second registration moves only itself', async () => {
  const [weihai] = await registrationsOf(DEMO_PEOPLE.technician.code);
  const before = new Date().toISOString();
  const { code, name, category, idNumber } = DEMO_PEOPLE.technician;
  const registered = await stack.query(REGISTER, {
    input: { institutionCode: 'H37080200131', people: [{ code, name, category, idNumber, registeredOn: TODAY }] },
  });
  expect(registered.errors).toBeUndefined();
  await stack.eventsDelivered();

  const [again, jining] = await registrationsOf(DEMO_PEOPLE.technician.code);
  expect(again).toEqual(weihai);
  const since = await get(`PractitionerRole?practitioner=Practitioner/${code}&_lastUpdated=${encodeURIComponent(`ge${before}`)}`);
  expect(since.status).toBe(200);
  expect(since.body.entry.map((e: any) => e.resource.id)).toEqual([jining.id]);
});

test('a role’s _history holds one version per stretch of its status history, newest first, with its basis document', async () => {
  const [registration] = await registrationsOf(DEMO_PEOPLE.suspendedDoctor.code);
  const client = await partnerClient('3708');
  const read: any = valid(await client.read({ resourceType: 'PractitionerRole', id: registration.id }));
  expect(read).toMatchObject({ id: registration.id, active: false, organization: { reference: 'Organization/H37080200131' } });

  const history: any = valid(await client.resourceHistory({ resourceType: 'PractitionerRole', id: registration.id }));
  expect(history).toMatchObject({ resourceType: 'Bundle', type: 'history', total: 2 });
  const [suspended, registered] = history.entry;
  expect(registered.resource).toMatchObject({ active: true, meta: { versionId: '1' } });
  expect(registered.request).toEqual({ method: 'POST', url: 'PractitionerRole' });
  expect(suspended.resource).toMatchObject({ active: false, meta: { versionId: '2' } });
  expect(extensionPart(suspended.resource, PAYMENT_QUALIFICATION, 'status').valueCode).toBe('SUSPENDED');
  expect(extensionPart(suspended.resource, PAYMENT_QUALIFICATION, 'basisDocument').valueString).toMatch(/济医保罚〔2026〕7号/);
});

test('an organization carries its agreement', async () => {
  const client = await partnerClient('3708');
  const organization: any = valid(await client.read({ resourceType: 'Organization', id: 'P37080201036' }));
  expect(organization).toMatchObject({ id: 'P37080201036', active: true, name: '济宁仁和大药房（太白湖店）' });
  expect(organization.type[0].coding[0]).toMatchObject({ code: 'PHARMACY', display: '定点零售药店' });
  expect(extensionPart(organization, AGREEMENT, 'status').valueCode).toBe('ACTIVE');
  expect(extensionPart(organization, AGREEMENT, 'validity').valuePeriod.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test('region scope applies as in GraphQL: Weihai’s partner is refused a Jining-only nurse and sees only who works in Weihai', async () => {
  const weihai = await stack.token({ role: 'HEALTH_PARTNER', region: '3710' });
  const refused = await get(`Practitioner/${DEMO_PEOPLE.suspendedDoctor.code}`, weihai);
  expect(refused.status).toBe(403);
  valid(refused.body);
  expect(refused.body.issue[0]).toMatchObject({ severity: 'error', code: 'forbidden' });

  // The multi-site doctor works in Weihai too, so his Jining registration is in scope there; his colleagues' are not.
  const search = await get('PractitionerRole?organization=Organization/H37080200090', weihai);
  expect(search.status).toBe(200);
  expect(search.body.entry.map((e: any) => e.resource.practitioner.reference)).toEqual([`Practitioner/${MULTI_SITE_DOCTOR}`]);

  const practitioners = await get('Practitioner?_count=500', weihai);
  expect(practitioners.status).toBe(200);
  valid(practitioners.body);
  expect(practitioners.body.entry.map((e: any) => e.resource.id).sort()).toEqual([MULTI_SITE_DOCTOR, DEMO_PEOPLE.technician.code].sort());
});

test('Practitioner search by name prefix', async () => {
  const { status, body } = await get(`Practitioner?name=${encodeURIComponent('王')}`);
  expect(status).toBe(200);
  valid(body);
  expect(body.entry.map((e: any) => e.resource.id)).toEqual([DEMO_PEOPLE.suspendedDoctor.code]);
});

test('Practitioner search by active: NORMAL, or suspended, terminated and cancelled — as the person-level status says', async () => {
  const statuses = (await stack.query('{ persons(first: 500) { edges { node { code status } } } }')).data.persons.edges.map((e: any) => e.node);
  for (const active of [true, false]) {
    const { status, body } = await get(`Practitioner?active=${active}&_count=500`);
    expect(status).toBe(200);
    valid(body);
    const expected = statuses.filter((p: any) => (p.status === 'NORMAL') === active).map((p: any) => p.code);
    expect(expected.length).toBeGreaterThan(0);
    expect(body.entry.map((e: any) => e.resource.id)).toEqual(expected);
    for (const entry of body.entry) expect(entry.resource.active).toBe(active);
  }
});

test('Organization search by name, active, type and region: each a filter of the API, active as the resource says it', async () => {
  const institutions = (await stack.query('{ institutions(first: 500) { edges { node { code name kind regionCode } } } }')).data.institutions.edges.map(
    (e: any) => e.node,
  );
  const ids = async (query: string) => {
    const { status, body } = await get(`Organization?${query}&_count=500`);
    expect([query, status]).toEqual([query, 200]);
    valid(body);
    return body.entry.map((e: any) => e.resource);
  };
  const all = await ids('region=37');
  expect(all.map((o: any) => o.id)).toEqual(institutions.filter((i: any) => i.regionCode.startsWith('37')).map((i: any) => i.code));
  const active = await ids('active=true');
  const inactive = await ids('active=false');
  expect(active.length).toBeGreaterThan(0);
  expect([...active, ...inactive].map((o: any) => o.id).sort()).toEqual(institutions.map((i: any) => i.code).sort());
  for (const o of active) expect(o.active).toBe(true);
  for (const o of inactive) expect(o.active).toBe(false);
  const pharmacies = await ids('type=PHARMACY&region=3708');
  expect(pharmacies.map((o: any) => o.id)).toEqual(
    institutions.filter((i: any) => i.kind === 'PHARMACY' && i.regionCode.startsWith('3708')).map((i: any) => i.code),
  );
  const named = institutions[0].name.slice(0, 2);
  expect((await ids(`name=${encodeURIComponent(named)}`)).map((o: any) => o.id)).toEqual(
    institutions.filter((i: any) => i.name.startsWith(named)).map((i: any) => i.code),
  );
});

test('the CapabilityStatement declares the Organization search and its parameters', async () => {
  const { body } = await get('metadata', null);
  const organization = body.rest[0].resource.find((r: any) => r.type === 'Organization');
  expect(organization.interaction.map((i: any) => i.code)).toEqual(['read', 'search-type']);
  expect(organization.searchParam.map((p: any) => p.name)).toEqual(['name', 'active', 'type', 'region', '_count', '_page_token']);
  const practitioner = body.rest[0].resource.find((r: any) => r.type === 'Practitioner');
  expect(practitioner.searchParam.map((p: any) => p.name)).toContain('active');
});

test.each([
  ['an Organization region that is no region prefix', 'Organization?region=3', undefined, 400, 'invalid'],
  ['an Organization type not served', 'Organization?type=HOSPITAL', undefined, 400, 'invalid'],
  ['a Practitioner active that is no boolean', 'Practitioner?active=yes', undefined, 400, 'invalid'],
  ['an unknown practitioner', 'Practitioner/D000000000000', undefined, 404, 'not-found'],
  ['an unknown role', 'PractitionerRole/00000000-0000-4000-8000-000000000000', undefined, 404, 'not-found'],
  ['a role id that is no id of ours', 'PractitionerRole/nope', undefined, 404, 'not-found'],
  ['an unknown resource type', 'Patient/1', undefined, 404, 'not-found'],
  ['an unknown search parameter', 'PractitionerRole?family=x', undefined, 400, 'invalid'],
  ['a page larger than the maximum', 'PractitionerRole?_count=501', undefined, 400, 'invalid'],
  ['a _lastUpdated prefix not served', 'PractitionerRole?_lastUpdated=lt2026-01-01', undefined, 400, 'invalid'],
  ['a page token not of this list', 'PractitionerRole?_page_token=bm90LWEtdXVpZA', undefined, 400, 'invalid'],
  ['no token', 'Practitioner/D370802000123', null, 401, 'login'],
  ['a bad token', 'Practitioner/D370802000123', 'not-a-jwt', 401, 'login'],
])('%s is answered with an OperationOutcome (%s)', async (_what, path, token, status, issueCode) => {
  const response = await get(path, token as string | null | undefined);
  expect(response.status).toBe(status);
  expect(response.contentType).toMatch(/^application\/fhir\+json/);
  valid(response.body);
  expect(response.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: issueCode }] });
});

test('a role without the search permission is refused (403); writes are not served (405)', async () => {
  const person = await stack.token({ role: 'PERSON', person: MULTI_SITE_DOCTOR, region: '370802' });
  const refused = await get('PractitionerRole', person);
  expect(refused.status).toBe(403);
  expect(refused.body.issue[0].code).toBe('forbidden');

  const response = await fetch(`${base}/Practitioner`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await stack.token({})}`, 'content-type': 'application/fhir+json' },
    body: '{"resourceType":"Practitioner"}',
  });
  expect(response.status).toBe(405);
  valid(await response.json());
});

test("links and fullUrls start with the gateway's configured address, never with a Host or X-Forwarded-Proto the client sent", async () => {
  const token = await stack.token({});
  const body = await new Promise<any>((resolve, reject) => {
    const req = request(
      `${base}/PractitionerRole?_count=1`,
      { headers: { authorization: `Bearer ${token}`, host: 'evil.example', 'x-forwarded-proto': 'javascript' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (piece) => (text += piece));
        res.on('end', () => resolve(JSON.parse(text)));
      },
    );
    req.on('error', reject);
    req.end();
  });
  valid(body);
  const urls = [...body.link.map((l: any) => l.url), ...body.entry.map((e: any) => e.fullUrl)];
  expect(urls.length).toBeGreaterThan(2);
  for (const url of urls) expect(url.startsWith(`${base}/`)).toBe(true);
});

test('a search page reads each entity type in one statement, whatever its size', async () => {
  const operation = `query($first: Int) { registrations(first: $first) { totalCount edges { node { id status registeredOn cancelledOn updatedAt person { code name category points } institution { code } } } } }`;
  const one = await stack.countStatements(operation, { first: 1 });
  const all = await stack.countStatements(operation, { first: 50 });
  expect(one.response.errors).toBeUndefined();
  expect(all.response.data.registrations.edges.length).toBeGreaterThan(3);
  expect(all.statements).toBe(one.statements);
});
