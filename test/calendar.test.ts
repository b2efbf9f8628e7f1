import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newDoctor, OFFICIAL_2027, registerAt, score } from './fixtures';
import { startSeededStack, Stack } from './harness';

// Deadlines count working days on the official schedule; a year without one is provisional, says so, and is recounted when its schedule is loaded.
const calendarDirectory = mkdtempSync(path.join(tmpdir(), 'calendar-e2e-'));
const DISPUTE = `mutation($input: FileAgreementDisputeInput!) { fileAgreementDispute(input: $input) { appeal { id decideBy decideByProvisional } } }`;
const DISPUTES = `{ institution(code: "H37100200015") { appeals { decisionDocument decideBy decideByProvisional } } }`;
const NOTICE = `query($code: ID!) { person(code: $code) { scoreRecords(year: 2026) { notice { issueBy issueByProvisional deliverBy deliverByProvisional appealBy appealByProvisional } } } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startSeededStack('2026-12-28', { calendarDirectory });
});
afterAll(() => stack?.stop());

const dispute = (decisionDocument: string, receivedOn: string) =>
  stack.query(
    DISPUTE,
    { input: { institutionCode: 'H37100200015', decisionDocument, receivedOn, statement: '对协议处理有异议', stampedByInstitution: true } },
    { role: 'INSTITUTION', institution: 'H37100200015', region: '371002' },
  );
const ready = async () => (await (await fetch(new URL('/ready', stack.url))).json()) as { calendar: { provisionalYears: number[] } };

test('fault 5: deadlines across New Year 2027 are not a day short, say they are provisional, and are recomputed when the official 2027 schedule is loaded', async () => {
  // Thu 24 Dec 2026 + 20 wd, 1 January 2027 a day off: 22 January (the old calendar said 21).
  const acrossNewYear = await dispute('威医保协〔2026〕90号', '2026-12-24');
  expect(acrossNewYear.errors).toBeUndefined();
  expect(acrossNewYear.data.fileAgreementDispute.appeal).toMatchObject({ decideBy: '2027-01-22', decideByProvisional: true });

  // A notice decided Mon 28 Dec 2026: issued within 5 wd (29, 30, 31 Dec, 4, 5 Jan), delivered within 3 more.
  const doctor = newDoctor('跨年医师');
  await registerAt(stack, doctor, ['H37100200015'], '2026-12-28');
  const scored = await score(stack, '威医保罚〔2026〕跨年号', '2026-12-28', [
    { personCode: doctor.code, institutionCode: 'H37100200015', violationCode: 'N1-01', responsibility: 'MAIN' },
  ]);
  expect(scored.errors).toBeUndefined();
  const notice = async () => (await stack.query(NOTICE, { code: doctor.code })).data.person.scoreRecords[0].notice;
  expect(await notice()).toEqual({
    issueBy: '2027-01-05',
    issueByProvisional: true,
    deliverBy: '2027-01-08',
    deliverByProvisional: true,
    appealBy: null,
    appealByProvisional: false,
  });

  // Filed Mon 25 Jan 2027 + 20 wd over a provisional Spring Festival (5–10 February off, 6–7 made up): 26 February.
  stack.clock.set('2027-01-29');
  const acrossSpringFestival = await dispute('威医保协〔2027〕1号', '2027-01-25');
  expect(acrossSpringFestival.data.fileAgreementDispute.appeal).toMatchObject({ decideBy: '2027-02-26', decideByProvisional: true });
  expect((await ready()).calendar.provisionalYears).toContain(2027);

  // A designation submitted Wed 3 Feb 2027: its completeness review is due 5 wd later (G5).
  stack.clock.set('2027-02-03');
  const submitted = await stack.query(
    `mutation($input: SubmitDesignationInput!) { submitDesignation(input: $input) { application { id dueBy dueByProvisional } } }`,
    {
      input: {
        institutionCode: 'P37080205901',
        name: '济宁春节大药房',
        kind: 'PHARMACY',
        regionCode: '370802',
        submittedOn: '2027-02-03',
        conditions: {
          operatingMonths: 5,
          contributionMonths: 5,
          hasInsuranceRules: true,
          hasItInterface: true,
          insuranceStaff: 2,
          hasDrugBusinessLicence: true,
          licensedPharmacists: 1,
          insuranceStaffOnYearContracts: 2,
        },
        materials: [
          'APPLICATION_FORM',
          'DRUG_BUSINESS_LICENCE',
          'BUSINESS_LICENCE',
          'PHARMACIST_CERTIFICATES',
          'STAFF_CONTRACTS',
          'INSURANCE_RULES',
          'IT_SYSTEM',
          'SOCIAL_INSURANCE_PROOF',
        ],
      },
    },
  );
  expect(submitted.data.submitDesignation.application).toMatchObject({ dueBy: '2027-02-16', dueByProvisional: true });
  const designation = async () =>
    (await stack.query(`{ designationQueue(regionPrefix: "3708") { id dueBy dueByProvisional } }`)).data.designationQueue.find(
      (a: { id: string }) => a.id === submitted.data.submitDesignation.application.id,
    );

  writeFileSync(path.join(calendarDirectory, '2027.json'), JSON.stringify(OFFICIAL_2027));
  await stack.calendar.reload();

  // The official Spring Festival runs 5–13 February with Saturday 20 February worked: 1 March.
  expect((await stack.query(DISPUTES)).data.institution.appeals).toEqual([
    { decisionDocument: '威医保协〔2026〕90号', decideBy: '2027-01-22', decideByProvisional: false },
    { decisionDocument: '威医保协〔2027〕1号', decideBy: '2027-03-01', decideByProvisional: false },
  ]);
  // The work queue sorts and filters on the stored deadline: it moved too.
  const due = await stack.query(`{ appealQueue(filter: { subject: AGREEMENT, regionPrefix: "37", dueBefore: "2027-02-28" }) { edges { node { decideBy } } } }`);
  expect(due.data.appealQueue.edges).toEqual([{ node: { decideBy: '2027-01-22' } }]);
  expect(await notice()).toMatchObject({ issueBy: '2027-01-05', issueByProvisional: false, deliverByProvisional: false });
  expect((await ready()).calendar.provisionalYears).not.toContain(2027);
  expect(await designation()).toMatchObject({ dueBy: '2027-02-18', dueByProvisional: false });
});
