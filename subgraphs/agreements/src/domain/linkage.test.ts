import { AgreementAction, TerminationTrigger } from './agreement-machine';
import { InstitutionKind } from './institution';
import { chainCauseProblem, currentAgreementsByRegion, MeasureScope, regionalAgreementProblem, spreadsToOtherRegions, terminatesChain } from './linkage';

const chainPharmacy: MeasureScope = {
  kind: InstitutionKind.PHARMACY,
  owner: '济宁仁和医药连锁有限公司',
  action: AgreementAction.TERMINATE,
  department: null,
  trigger: TerminationTrigger.FRAUD,
  causedByChainHeadquarters: true,
  homeRegion: true,
};
const hospital: MeasureScope = { ...chainPharmacy, kind: InstitutionKind.MEDICAL, owner: null, causedByChainHeadquarters: false };

describe('003 art.32(十五) — the chain is terminated only for its headquarters', () => {
  test.each<[string, Partial<MeasureScope>, boolean]>([
    ["003 art.32(十五) — caused by the headquarters' legal representative, principal or controller", {}, true],
    [
      "003 art.32(十五) — the pharmacy's own reason (no settlement for 180 days) stays with it",
      { trigger: TerminationTrigger.NO_SETTLEMENT_180_DAYS, causedByChainHeadquarters: false },
      false,
    ],
    ['003 art.32(十五) — fraud of the pharmacy itself stays with it', { causedByChainHeadquarters: false }, false],
    ['003 art.32(十五) — a pharmacy without a chain has no sisters', { owner: null }, false],
    ['003 art.32(十五) — a sister terminated through the chain does not spread again', { trigger: TerminationTrigger.CHAIN_OWNER_TERMINATED }, false],
    ['G14 — a department measure stays with the department', { department: '中药房' }, false],
    ['003 art.32(十五) — a suspension is not a termination', { action: AgreementAction.SUSPEND }, false],
  ])('%s', (_rule, change, expected) => {
    expect(terminatesChain({ ...chainPharmacy, ...change })).toBe(expected);
  });

  test.each<[string, Partial<MeasureScope>, string | null]>([
    ["a chain pharmacy's termination may be caused by its headquarters", {}, null],
    ['not said of a suspension', { action: AgreementAction.SUSPEND }, 'termination'],
    ['not said of a department', { department: '中药房' }, 'termination'],
    ['not said of a medical institution', { kind: InstitutionKind.MEDICAL }, 'chain pharmacy'],
    ['not said of a pharmacy without a chain', { owner: null }, 'chain pharmacy'],
    ['nothing to check when not said', { kind: InstitutionKind.MEDICAL, causedByChainHeadquarters: false }, null],
  ])('%s', (_rule, change, problem) => {
    const found = chainCauseProblem({ ...chainPharmacy, ...change });
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});

describe("003 art.33 ¶2 — the home region's suspension or termination reaches the other regions", () => {
  test.each<[string, Partial<MeasureScope>, boolean]>([
    ['003 art.33 ¶2 — the home region terminates', {}, true],
    ['003 art.33 ¶2 — the home region suspends', { action: AgreementAction.SUSPEND }, true],
    ["003 art.33 ¶2 — another region's measure stays in that region", { homeRegion: false }, false],
    ['003 art.33 ¶2 — only suspension and termination spread, not a resumption', { action: AgreementAction.RESUME }, false],
    ['003 art.33 ¶2 — nor a renewal', { action: AgreementAction.RENEW }, false],
    ['G14 — a department measure stays with the department', { department: '儿科' }, false],
    ['003 art.33 ¶2 — the paragraph speaks of medical institutions (定点医疗机构)', { kind: InstitutionKind.PHARMACY }, false],
  ])('%s', (_rule, change, expected) => {
    expect(spreadsToOtherRegions({ ...hospital, ...change })).toBe(expected);
  });

  test('the current agreement per region is its latest, the home region first', () => {
    const agreements = [
      { id: 'a', regionCode: '371002', validFrom: '2025-01-01' },
      { id: 'b', regionCode: '370802', validFrom: '2025-01-01' },
      { id: 'c', regionCode: '370100', validFrom: '2026-01-01' },
      { id: 'd', regionCode: '371002', validFrom: '2026-01-01' },
      { id: 'e', regionCode: '370802', validFrom: '2026-01-01' },
    ];
    expect(currentAgreementsByRegion(agreements, '370802').map((a) => a.id)).toEqual(['e', 'c', 'd']);
    expect(currentAgreementsByRegion([], '370802')).toEqual([]);
  });

  test.each([
    ['an agreement with another region', { regionCode: '371002' }, null],
    ['the own region is not another region', { regionCode: '370802' }, 'BAD_USER_INPUT'],
    ['a region code has 6 digits', { regionCode: '3710' }, 'INVALID_REGION_CODE'],
    ['an agreement cannot end before it starts', { regionCode: '371002', validUntil: '2025-12-31' }, 'BAD_USER_INPUT'],
  ])('003 art.33 — %s', (_rule, change, code) => {
    expect(regionalAgreementProblem({ homeRegion: '370802', validFrom: '2026-01-01', validUntil: '2026-12-31', regionCode: '', ...change })?.code ?? null).toBe(
      code,
    );
  });
});
