import { newDoctor, REGISTER } from './fixtures';
import { errorCodes, startSeededStack, Stack } from './harness';

// Issue #19 item 5: a person belongs to no institution. Registering a known person elsewhere never
// changes their identity; a mismatch with the file is refused; the agency alone corrects it, audited.

const HOSPITAL_A = 'H37080200090';
const HOSPITAL_B = 'H37080200131';
const institution = (code: string) => ({ role: 'INSTITUTION' as const, institution: code, region: '370802' });
const CORRECT = `mutation($input: CorrectPersonDataInput!) { correctPersonData(input: $input) { person { code name phone birthDate gender idNumberMasked } correctedFields } }`;
const PUBLIC_STATUS = `query($code: ID!) { publicPersonStatus(code: $code) { name } }`;
const FILE = `query($code: ID!) { person(code: $code) { name phone gender idNumberMasked registrations { institution { code } } } }`;

let stack: Stack;
const doctor = { ...newDoctor('张晓明', '370802'), phone: '13853700001' };

beforeAll(async () => {
  stack = await startSeededStack();
  const registered = await stack.query(REGISTER, { input: { institutionCode: HOSPITAL_A, people: [doctor] } }, institution(HOSPITAL_A));
  expect(registered.errors).toBeUndefined();
});
afterAll(() => stack?.stop());

describe('another institution registering a known person', () => {
  test('another name is refused with PERSON_DATA_MISMATCH on the field, the whole batch with it, and the public status keeps the name on file', async () => {
    const bystander = newDoctor('李四', '370802');
    const response = await stack.query(
      REGISTER,
      { input: { institutionCode: HOSPITAL_B, people: [bystander, { ...doctor, name: '张小明' }] } },
      institution(HOSPITAL_B),
    );
    expect(errorCodes(response)).toEqual([
      { code: 'PERSON_DATA_MISMATCH', entries: [{ index: 1, code: 'PERSON_DATA_MISMATCH', field: 'name', message: expect.any(String) }] },
    ]);
    expect((await stack.query(PUBLIC_STATUS, { code: doctor.code }, null)).data.publicPersonStatus.name).toBe('张晓明');
    expect((await stack.query(FILE, { code: bystander.code })).data.person).toBeNull();
  });

  test('another ID number is refused with the field idNumber', async () => {
    const other = newDoctor('张晓明', '370802');
    const response = await stack.query(
      REGISTER,
      { input: { institutionCode: HOSPITAL_B, people: [{ ...doctor, idNumber: other.idNumber }] } },
      institution(HOSPITAL_B),
    );
    expect(errorCodes(response)[0].entries).toEqual([expect.objectContaining({ code: 'PERSON_DATA_MISMATCH', field: 'idNumber' })]);
  });

  test('the same identity registers, and another phone or gender changes nothing on file', async () => {
    const response = await stack.query(
      REGISTER,
      { input: { institutionCode: HOSPITAL_B, people: [{ ...doctor, phone: '13900000000', gender: 'FEMALE' }] } },
      institution(HOSPITAL_B),
    );
    expect(response.errors).toBeUndefined();
    const file = (await stack.query(FILE, { code: doctor.code })).data.person;
    expect(file).toMatchObject({ name: '张晓明', phone: '13853700001', gender: 'MALE' });
    expect(file.registrations.map((r: any) => r.institution.code).sort()).toEqual([HOSPITAL_A, HOSPITAL_B]);
  });
});

describe('correctPersonData: the agency alone corrects a person', () => {
  const input = { personCode: doctor.code, name: '张小明', phone: '13853700002', basisDocument: '济医保更〔2026〕3号' };

  test('an institution may not, nor an agency whose region does not hold the person', async () => {
    expect(errorCodes(await stack.query(CORRECT, { input }, institution(HOSPITAL_A)))).toEqual([{ code: 'FORBIDDEN' }]);
    expect(errorCodes(await stack.query(CORRECT, { input }, { role: 'ADMINISTRATION', region: '370802' }))).toEqual([{ code: 'FORBIDDEN' }]);
    expect(errorCodes(await stack.query(CORRECT, { input }, { role: 'CITY_AGENCY', region: '371002' }))).toEqual([{ code: 'FORBIDDEN' }]);
    expect((await stack.query(PUBLIC_STATUS, { code: doctor.code }, null)).data.publicPersonStatus.name).toBe('张晓明');
  });

  test("a correction without a basis document, or to another person's ID number, is refused", async () => {
    expect(errorCodes(await stack.query(CORRECT, { input: { ...input, basisDocument: ' ' } }))).toEqual([{ code: 'BAD_USER_INPUT' }]);
    const other = newDoctor('王五', '370802');
    expect((await stack.query(REGISTER, { input: { institutionCode: HOSPITAL_A, people: [other] } })).errors).toBeUndefined();
    const taken = await stack.query(CORRECT, { input: { personCode: doctor.code, idNumber: other.idNumber, basisDocument: input.basisDocument } });
    expect(taken.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idNumber' });
  });

  test('the city agency corrects name and phone everywhere, once per idempotency key, audited with its basis document', async () => {
    const agency = { role: 'CITY_AGENCY' as const, region: '370802', sub: 'jining-officer-3' };
    const first = await stack.query(CORRECT, { input: { ...input, idempotencyKey: 'correct-1' } }, agency);
    expect(first.errors).toBeUndefined();
    expect(first.data.correctPersonData).toMatchObject({ person: { name: '张小明', phone: '13853700002' }, correctedFields: ['name', 'phone'] });
    const again = await stack.query(CORRECT, { input: { ...input, idempotencyKey: 'correct-1' } }, agency);
    expect(again.data).toEqual(first.data);
    expect((await stack.query(PUBLIC_STATUS, { code: doctor.code }, null)).data.publicPersonStatus.name).toBe('张小明');

    // The institutions now register the corrected identity; the old name is a mismatch.
    const stale = await stack.query(REGISTER, { input: { institutionCode: 'H37100200015', people: [doctor] } });
    expect(errorCodes(stale)[0].entries).toEqual([expect.objectContaining({ field: 'name' })]);

    const log = await stack.query(
      `{ registryAuditLog(filter: { operation: "correctPersonData" }) { totalCount edges { node { caller callerRole target basisDocument } } } }`,
    );
    expect(log.data.registryAuditLog).toEqual({
      totalCount: 1,
      edges: [{ node: { caller: 'jining-officer-3', callerRole: 'CITY_AGENCY', target: `${doctor.code}: name, phone`, basisDocument: '济医保更〔2026〕3号' } }],
    });
  });
});
