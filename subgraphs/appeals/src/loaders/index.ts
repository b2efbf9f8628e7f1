import { Caller, findRows, canSee, EntityManager, listLoader, scopedEntityLoader } from '@pq/kit';
import { Appeal } from '../entities/appeal';
import { AppealStep } from '../entities/appeal-step';

/** Appeals are visible by the institution's region, to the institution, and to the person. */
export function appealVisible(caller: Caller, appeal: Appeal): boolean {
  return canSee(caller, { regionCodes: [appeal.regionCode], institutionCodes: [appeal.institutionCode], personCodes: appeal.personCode ? [appeal.personCode] : [] });
}

/** A list loader that leaves out the appeals the caller may not see. */
function visibleAppeals<K>(caller: Caller, fetch: (keys: K[]) => Promise<Appeal[]>, keyOf: (appeal: Appeal) => K) {
  return listLoader<K, Appeal>(async (keys) => (await fetch(keys)).filter((appeal) => appealVisible(caller, appeal)), keyOf);
}

export function createLoaders(em: EntityManager, caller: Caller) {
  const order = { filedOn: 'asc', createdAt: 'asc' } as const;
  return {
    appeal: scopedEntityLoader(caller, {
      what: 'appeal',
      fetch: (ids: string[]) => findRows(em, Appeal, { id: ids }),
      keyOf: (appeal) => appeal.id,
      visible: (appeal) => appealVisible(caller, appeal),
    }),
    appealsByPerson: visibleAppeals(caller, (codes: string[]) => findRows(em, Appeal, { personCode: codes }, order), (appeal) => appeal.personCode!),
    appealsByInstitution: visibleAppeals(caller, (codes: string[]) => findRows(em, Appeal, { institutionCode: codes }, order), (appeal) => appeal.institutionCode),
    appealsByScoreRecord: visibleAppeals(caller, (ids: string[]) => findRows(em, Appeal, { scoreRecordId: ids }, order), (appeal) => appeal.scoreRecordId!),
    stepsByAppeal: listLoader(
      (ids: string[]) => findRows(em, AppealStep, { appealId: ids }, { recordedAt: 'asc' }),
      (step) => step.appealId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
