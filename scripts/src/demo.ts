import { addDays, IsoDate, yearOf } from '@pq/time';
import { dataOf, QueryFunction, untilEventsArrive } from './client';
import { loadOperations } from './operations';

/** GB 11643 check character for the first 17 digits (ISO 7064 MOD 11-2): for making valid demo ID numbers. */
export function withCheckCharacter(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The docs/api.md dashboard (operations/Dashboard.graphql): status, points, institutions and open appeals in one request. */
export const DASHBOARD_QUERY = loadOperations().Dashboard;

/** The demo's multi-site doctor, the dashboard's example person. */
export const MULTI_SITE_DOCTOR = 'D370802000123';

export const DEMO_INSTITUTIONS = [
  { code: 'H37080200090', name: '济宁市第一人民医院', kind: 'MEDICAL', regionCode: '370802' },
  { code: 'H37080200131', name: '济宁医学院附属医院', kind: 'MEDICAL', regionCode: '370802' },
  { code: 'H37100200015', name: '威海市立医院', kind: 'MEDICAL', regionCode: '371002' },
  { code: 'P37080201036', name: '济宁仁和大药房（太白湖店）', kind: 'PHARMACY', regionCode: '370802' },
  { code: 'P37080201037', name: '济宁仁和大药房（古槐店）', kind: 'PHARMACY', regionCode: '370802' },
] as const;

const person = (code: string, name: string, category: string, first17: string, phone: string) => ({
  code,
  name,
  category,
  idNumber: withCheckCharacter(first17),
  phone,
});

export const DEMO_PEOPLE = {
  multiSiteDoctor: person(MULTI_SITE_DOCTOR, '张伟', 'DOCTOR', '37080219800512003', '13853712345'),
  pharmacyPrincipal: person('HY370802000456', '李娜', 'PHARMACY_PRINCIPAL', '37080219850101002', '13953700456'),
  suspendedDoctor: person('D370802000789', '王芳', 'DOCTOR', '37080219780303004', '13853700789'),
  nurse: person('N370802000321', '刘洋', 'NURSE', '37080219920707005', '15853700321'),
  technician: person('HJ371002000555', '陈静', 'TECHNICIAN', '37100219880808006', '13863100555'),
};

/** Where each demo person is registered. */
const DEMO_REGISTRATIONS: { institutionCode: string; people: (keyof typeof DEMO_PEOPLE)[] }[] = [
  { institutionCode: 'H37080200090', people: ['multiSiteDoctor', 'nurse'] },
  { institutionCode: 'H37100200015', people: ['multiSiteDoctor', 'technician'] },
  { institutionCode: 'H37080200131', people: ['suspendedDoctor'] },
  { institutionCode: 'P37080201036', people: ['pharmacyPrincipal'] },
  { institutionCode: 'P37080201037', people: ['pharmacyPrincipal'] },
];

/** A date `days` before today, kept inside today's year so the demo's points count this year. */
function earlierThisYear(today: IsoDate, days: number): IsoDate {
  const date = addDays(today, -days);
  return yearOf(date) === yearOf(today) ? date : `${yearOf(today)}-01-01`;
}

export function demoDates(today: IsoDate) {
  return {
    agreementValidFrom: addDays(today, -200),
    agreementValidUntil: addDays(today, 165),
    registeredOn: addDays(today, -120),
    scoredOn: earlierThisYear(today, 5),
    suspendedOn: earlierThisYear(today, 10),
  };
}

const IMPORT = `mutation($input: ImportInstitutionsInput!) { importInstitutions(input: $input) { institutions { code } } }`;
const REGISTER = `mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }`;
const SIGN = `mutation($input: SignCommitmentInput!) { signCommitment(input: $input) { registration { id } } }`;
const SCORE = `mutation($input: RecordScoresInput!) { recordScores(input: $input) { records { id points } sanctions { kind from until } } }`;
const APPEAL = `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { appeal { id status } } }`;

export interface DemoTokens {
  agency: string;
  /** A token of the multi-site doctor, who files the demo appeal. */
  doctor: string;
}

/**
 * Loads the demo through the public API, as a province would: institutions with agreements,
 * registrations (a doctor at two hospitals, a principal of two pharmacies), scores under the
 * Jining and national rules (one doctor suspended), and an open appeal. Steps that depend on
 * another subgraph's event wait for it.
 */
export async function seedDemo(query: QueryFunction, tokens: DemoTokens, today: IsoDate): Promise<void> {
  const dates = demoDates(today);
  const institutions = DEMO_INSTITUTIONS.map((i) => ({ ...i, agreementValidFrom: dates.agreementValidFrom, agreementValidUntil: dates.agreementValidUntil }));
  await untilEventsArrive(() => query(IMPORT, { input: { institutions, idempotencyKey: 'demo:institutions' } }, tokens.agency));

  for (const { institutionCode, people } of DEMO_REGISTRATIONS) {
    const entries = people.map((key) => ({ ...DEMO_PEOPLE[key], registeredOn: dates.registeredOn }));
    const registered = await untilEventsArrive(() =>
      query(REGISTER, { input: { institutionCode, people: entries, idempotencyKey: `demo:register:${institutionCode}` } }, tokens.agency),
    );
    // Staff sign the service commitment when they register (R8).
    for (const { id } of (registered as { registerPersonnel: { registrations: { id: string }[] } }).registerPersonnel.registrations) {
      dataOf(await query(SIGN, { input: { registrationId: id, signedOn: dates.registeredOn, idempotencyKey: `demo:commitment:${id}` } }, tokens.agency));
    }
  }

  const scored = await untilEventsArrive(() =>
    query(
      SCORE,
      {
        input: {
          decisionType: 'AGREEMENT_HANDLING',
          documentNumber: `济医保协处〔${yearOf(today)}〕12号`,
          decidedOn: dates.scoredOn,
          inspectionId: 'demo-inspection-1',
          items: [
            { personCode: MULTI_SITE_DOCTOR, institutionCode: 'H37080200090', violationCode: 'JN2-01', responsibility: 'MAIN' },
            { personCode: 'HJ371002000555', institutionCode: 'H37100200015', violationCode: 'N2-01', responsibility: 'GENERAL' },
          ],
          idempotencyKey: 'demo:scores:1',
        },
      },
      tokens.agency,
    ),
  );
  await untilEventsArrive(() =>
    query(
      SCORE,
      {
        input: {
          decisionType: 'ADMINISTRATIVE_PENALTY',
          documentNumber: `济医保罚〔${yearOf(today)}〕7号`,
          decidedOn: dates.suspendedOn,
          items: [{ personCode: 'D370802000789', institutionCode: 'H37080200131', violationCode: 'JN3-01', responsibility: 'IMPORTANT' }],
          idempotencyKey: 'demo:scores:2',
        },
      },
      tokens.agency,
    ),
  );

  const scoreRecordId = (scored as { recordScores: { records: { id: string }[] } }).recordScores.records[0].id;
  await untilEventsArrive(() =>
    query(
      APPEAL,
      {
        input: {
          scoreRecordId,
          statement: '该处方用药符合临床指南，申请复核。',
          signedByPerson: true,
          stampedByInstitution: true,
          receivedOn: today,
          idempotencyKey: 'demo:appeal:1',
        },
      },
      tokens.doctor,
    ),
  );
}
