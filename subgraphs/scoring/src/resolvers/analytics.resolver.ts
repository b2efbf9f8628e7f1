import { hidesCell } from '@pq/caller';
import { AnalyticsDimension, AnalyticsKey, analyticsKeyText, AnalyticsSelection, encodeAnalyticsGroupId, NO_ANALYTICS_KEY } from '@pq/graphql';
import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { analyticsPeriod, POINT_BUCKETS, ratioYear } from '../domain/analytics';
import { RatioMeasure } from '../domain/institution-ratio';
import { ViolationItem } from '../entities/violation-item';
import { violationItemKey } from '../loaders/violation-item.loader';
import { aggregateSanctions, aggregateScores } from '../repositories/analytics';
import { fetchInstitutionFigures } from '../repositories/reports';
import { assertMaySeeRegion } from '../repositories/scope';
import { Analytics, AnalyticsFilter, AnalyticsGroup, AnalyticsGroupKey } from './analytics.types';
import type { Context } from './context';
import { PERMISSIONS } from './permissions';
import { withMeasures } from './report.resolver';

/** S10 per group: institutions of the region over the ratio in the year, keyed as the grouping asks. */
async function institutionsOverRatio(context: Context, selection: AnalyticsSelection, year: number): Promise<AnalyticsKey[]> {
  const figures = await withMeasures(context, await fetchInstitutionFigures(context.em, { regionPrefix: selection.regionPrefix }, year), year);
  const by = new Set(selection.groupBy);
  return figures
    .filter((row) => row.measure !== RatioMeasure.NONE && (!selection.institutionKinds || selection.institutionKinds.includes(row.kind)))
    .map((row) => ({
      ...NO_ANALYTICS_KEY,
      regionCode: by.has(AnalyticsDimension.REGION) ? row.regionCode : null,
      institutionCode: by.has(AnalyticsDimension.INSTITUTION) ? row.institutionCode : null,
      institutionKind: by.has(AnalyticsDimension.INSTITUTION_KIND) ? row.kind : null,
    }));
}

@Resolver()
export class AnalyticsResolver {
  @Authorized(PERMISSIONS.reports)
  @Query(() => Analytics, {
    description:
      '统计分析 — aggregates across institutions of a region and period, grouped by the dimensions asked: persons scored, points and their distribution, suspensions and terminations, institutions over the S10 ratio; appeals adds appeal outcomes per group',
  })
  async analytics(
    @Ctx() context: Context,
    @Arg('filter', () => AnalyticsFilter, { description: '统计条件 — region, period and restrictions' }) filter: AnalyticsFilter,
    @Arg('groupBy', () => [AnalyticsDimension], { defaultValue: [], description: '统计维度 — dimensions to group by; none: one group of everything' })
    groupBy: AnalyticsDimension[],
  ): Promise<Analytics> {
    const regionPrefix = filter.regionPrefix ?? context.caller.region;
    assertMaySeeRegion(context.caller, regionPrefix);
    const selection: AnalyticsSelection = {
      regionPrefix,
      ...analyticsPeriod(filter),
      institutionKinds: filter.institutionKinds ?? null,
      personnelCategories: filter.personnelCategories ?? null,
      violationCodes: filter.violationItems ?? null,
      groupBy: [...new Set(groupBy)],
    };
    const year = ratioYear(selection, selection.groupBy, selection);
    const [scores, sanctions, overRatio] = await Promise.all([
      aggregateScores(context.em, selection),
      aggregateSanctions(context.em, selection),
      year === null ? null : institutionsOverRatio(context, selection, year),
    ]);

    const groups = new Map<string, AnalyticsGroup>();
    const groupOf = (key: AnalyticsKey) => {
      const text = analyticsKeyText(key);
      if (!groups.has(text)) {
        groups.set(text, {
          groupId: encodeAnalyticsGroupId(selection, key),
          key: { ...key, institution: key.institutionCode ? { code: key.institutionCode } : null, violationItem: null } as AnalyticsGroupKey,
          suppressed: false,
          personsScored: 0,
          scoreRecords: 0,
          points: 0,
          pointsDistribution: POINT_BUCKETS.map((bucket) => ({ ...bucket, persons: 0 })),
          suspensions: 0,
          terminations: 0,
          institutionsOverRatio: overRatio ? 0 : null,
        });
      }
      return groups.get(text)!;
    };
    for (const row of scores) {
      Object.assign(groupOf(row.key), {
        personsScored: row.persons,
        scoreRecords: row.records,
        points: row.points,
        pointsDistribution: POINT_BUCKETS.map((bucket, i) => ({ ...bucket, persons: row.distribution[i] })),
      });
    }
    for (const row of sanctions) Object.assign(groupOf(row.key), { suspensions: row.suspensions, terminations: row.terminations });
    for (const key of overRatio ?? []) groupOf(key).institutionsOverRatio! += 1;

    return {
      regionPrefix,
      fromMonth: selection.fromMonth,
      toMonth: selection.toMonth,
      groupBy: selection.groupBy,
      groups: [...groups.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, group]) => {
          // A cell's persons: those scored, or at least those sanctioned in it.
          return hidesCell(context.caller, Math.max(group.personsScored ?? 0, (group.suspensions ?? 0) + (group.terminations ?? 0)))
            ? {
                ...group,
                suppressed: true,
                personsScored: null,
                scoreRecords: null,
                points: null,
                pointsDistribution: null,
                suspensions: null,
                terminations: null,
                institutionsOverRatio: null,
              }
            : group;
        }),
    };
  }
}

@Resolver(() => AnalyticsGroupKey)
export class AnalyticsGroupKeyResolver {
  @FieldResolver(() => ViolationItem, { nullable: true, description: '负面情形 — violation item with its title (VIOLATION_ITEM)' })
  violationItem(@Root() key: AnalyticsGroupKey, @Ctx() context: Context): Promise<ViolationItem | null> | null {
    return key.ruleSetId && key.violationCode ? context.loaders.violationItem.load(violationItemKey(key.ruleSetId, key.violationCode)) : null;
  }
}
