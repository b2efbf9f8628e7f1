import DataLoader from 'dataloader';
import { assertRegionInScope, Caller, hidesCell } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { analyticsKeyText, decodeAnalyticsGroupId, NO_ANALYTICS_KEY } from '@pq/graphql';
import { aggregateAppealOutcomes, appealsAnswer, AppealOutcomeAggregate } from '../repositories/analytics';

/** The appeal outcomes of analytics groups, by group id: one statement per request's selection (a request has one). */
export function appealOutcomesLoader(em: EntityManager, caller: Caller) {
  return new DataLoader<string, (AppealOutcomeAggregate & { suppressed: boolean }) | null>(async (ids) => {
    const groups = ids.map((id) => decodeAnalyticsGroupId(id));
    for (const { selection } of groups) assertRegionInScope(caller, selection.regionPrefix);
    const bySelection = new Map<string, Map<string, AppealOutcomeAggregate> | null>();
    for (const { selection } of groups) {
      const text = JSON.stringify(selection);
      if (bySelection.has(text)) continue;
      bySelection.set(text, null);
      if (appealsAnswer(selection)) {
        const rows = await aggregateAppealOutcomes(em, selection);
        bySelection.set(text, new Map(rows.map((row) => [analyticsKeyText({ ...NO_ANALYTICS_KEY, ...row.key }), row])));
      }
    }
    return groups.map(({ selection, key }) => {
      const outcomes = bySelection.get(JSON.stringify(selection));
      if (!outcomes) return null;
      const row = outcomes.get(analyticsKeyText(key)) ?? { key, persons: 0, filed: 0, open: 0, upheld: 0, changed: 0, withdrawn: 0 };
      return { ...row, suppressed: hidesCell(caller, row.persons) };
    });
  });
}
