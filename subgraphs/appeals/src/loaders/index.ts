import type { Caller } from '@pq/caller';
import type { EntityManager } from '@pq/data';
import { appealLoader } from './appeal.loader';
import { appealOutcomesLoader } from './appeal-outcomes.loader';
import { appealsByInstitutionLoader } from './appeals-by-institution.loader';
import { appealsByPersonLoader } from './appeals-by-person.loader';
import { appealsByScoreRecordLoader } from './appeals-by-score-record.loader';
import { stepsByAppealLoader } from './steps-by-appeal.loader';

/** The request's loaders, built fresh for each request. */
export function createLoaders(em: EntityManager, caller: Caller) {
  return {
    appeal: appealLoader(em, caller),
    appealsByPerson: appealsByPersonLoader(em, caller),
    appealsByInstitution: appealsByInstitutionLoader(em, caller),
    appealsByScoreRecord: appealsByScoreRecordLoader(em, caller),
    stepsByAppeal: stepsByAppealLoader(em),
    appealOutcomes: appealOutcomesLoader(em, caller),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
