import type { Caller } from '@pq/caller';
import type { EntityManager } from '@pq/data';
import { activeSanctionLoader } from './active-sanction.loader';
import { institutionFiguresLoader } from './institution-figures.loader';
import { noticeLoader } from './notice.loader';
import { repairApplicationsByPersonLoader } from './repair-applications-by-person.loader';
import { restorationApplicationLoader } from './restoration-application.loader';
import { restorationApplicationsByPersonLoader } from './restoration-applications-by-person.loader';
import { ruleSetsLoader } from './rule-sets.loader';
import { sanctionLoader } from './sanction.loader';
import { sanctionsByPersonLoader } from './sanctions-by-person.loader';
import { scoreRecordLoader } from './score-record.loader';
import { scoreRecordsByNoticeLoader } from './score-records-by-notice.loader';
import { scoreRecordsByPersonYearLoader } from './score-records-by-person-year.loader';
import { violationItemLoader } from './violation-item.loader';
import { visiblePersonLoader } from './visible-person.loader';
import { yearTotalLoader } from './year-total.loader';

/** A request's DataLoaders, built afresh per request so batching and caching never leak between callers. */
export function createLoaders(em: EntityManager, caller: Caller) {
  return {
    visiblePerson: visiblePersonLoader(em, caller),
    scoreRecord: scoreRecordLoader(em, caller),
    yearTotal: yearTotalLoader(em),
    scoreRecordsByPersonYear: scoreRecordsByPersonYearLoader(em),
    activeSanction: activeSanctionLoader(em),
    sanction: sanctionLoader(em),
    notice: noticeLoader(em),
    scoreRecordsByNotice: scoreRecordsByNoticeLoader(em),
    sanctionsByPerson: sanctionsByPersonLoader(em),
    restorationApplication: restorationApplicationLoader(em),
    restorationApplicationsByPerson: restorationApplicationsByPersonLoader(em),
    repairApplicationsByPerson: repairApplicationsByPersonLoader(em),
    institutionFigures: institutionFiguresLoader(em),
    ruleSets: ruleSetsLoader(em),
    violationItem: violationItemLoader(em),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
