import { withCheckCharacter } from '../scripts/src/demo';
import type { Stack } from './harness';

export const REGISTER = `mutation($input: RegisterPersonnelInput!) { registerPersonnel(input: $input) { registrations { id } } }`;
export const SCORE = `mutation($input: RecordScoresInput!) {
  recordScores(input: $input) {
    records { id points yearTotalAfter alsoMatched violation { code } notice { documentNumber issueBy deliverBy appealBy } }
    sanctions { kind from until months state }
  }
}`;

let sequence = 0;

/** A new doctor with a valid code and ID number, unique within the test run. */
export function newDoctor(name: string, region = '371002') {
  sequence++;
  const serial = String(500 + sequence).padStart(6, '0');
  return {
    code: `D${region}${serial}`,
    name,
    category: 'DOCTOR',
    idNumber: withCheckCharacter(`${region}1985030${String(1 + (sequence % 9))}${String(sequence).padStart(3, '0')}`.slice(0, 17)),
  };
}

/** Registers a person at each institution and waits until scoring knows them. */
export async function registerAt(stack: Stack, person: object, institutionCodes: string[], registeredOn = '2026-01-05'): Promise<string[]> {
  const ids: string[] = [];
  for (const institutionCode of institutionCodes) {
    const response = await stack.query(REGISTER, { input: { institutionCode, people: [{ ...person, registeredOn }] } });
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    ids.push(response.data.registerPersonnel.registrations[0].id);
  }
  await stack.eventsDelivered();
  return ids;
}

export interface ScoreItem {
  personCode: string;
  institutionCode: string;
  violationCode: string;
  responsibility: 'GENERAL' | 'IMPORTANT' | 'MAIN';
  mitigation?: boolean;
  aggravation?: boolean;
  violationRef?: string;
}

export function score(stack: Stack, documentNumber: string, decidedOn: string, items: ScoreItem[], decisionType = 'ADMINISTRATIVE_PENALTY') {
  return stack.query(SCORE, { input: { decisionType, documentNumber, decidedOn, items } });
}

/**
 * A stand-in for the State Council's 2027 schedule, as an administrator drops it in CALENDAR_DIR:
 * New Year 1–3 January, Spring Festival 5–13 February, Saturday 20 February worked.
 */
export const OFFICIAL_2027 = {
  year: 2027,
  source: 'test fixture',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', from: '2027-02-05', to: '2027-02-13' },
  ],
  workdays: [{ name: '春节调休', date: '2027-02-20' }],
};
