import type { Tier } from './rule-set';

export enum Responsibility {
  GENERAL = 'GENERAL',
  IMPORTANT = 'IMPORTANT',
  MAIN = 'MAIN',
}

/** 002 art.25: how mitigation (aggravation) moves the points — the agency's choice in each decision. */
export enum TierAdjustment {
  /** Lighter (heavier) within the same tier: one responsibility position down (up), never leaving the tier. */
  WITHIN_TIER = 'WITHIN_TIER',
  /** One tier lower (higher): the adjacent tier, at the same responsibility position. */
  ONE_TIER = 'ONE_TIER',
}

const POSITIONS = [Responsibility.GENERAL, Responsibility.IMPORTANT, Responsibility.MAIN];

/** The points responsibility gives within a tier (S3): general low, important middle, main high. */
function pointsInTier(tier: Tier, responsibility: Responsibility): number {
  if (responsibility === Responsibility.GENERAL) return tier.min;
  if (responsibility === Responsibility.MAIN) return tier.max;
  return Math.round((tier.min + tier.max) / 2);
}

export interface ScoreRequest {
  tier: Tier;
  responsibility: Responsibility;
  mitigation: boolean;
  aggravation: boolean;
  /** The agency's choice; absent: within the tier where the tier leaves room, otherwise one tier. */
  adjustment?: TierAdjustment | null;
}

export type ScoreResult = { points: number; adjustment: TierAdjustment | null } | { problem: string };

/**
 * S2–S3 (002 art.25): points for one violation item, and the adjustment applied. Mitigation and
 * aggravation together cancel out. A choice the tiers cannot give (lighter within a tier for the
 * general responsibility, a fixed tier, no tier beyond) is refused; without a choice the item
 * moves within its tier when it can, otherwise one tier, otherwise stays at the end of the scale.
 */
export function pointsFor(tiers: Tier[], request: ScoreRequest): ScoreResult {
  const base = pointsInTier(request.tier, request.responsibility);
  const step = (request.aggravation ? 1 : 0) - (request.mitigation ? 1 : 0);
  if (step === 0) return { points: base, adjustment: null };
  const position = POSITIONS[POSITIONS.indexOf(request.responsibility) + step];
  const withinTier = position && pointsInTier(request.tier, position) !== base ? pointsInTier(request.tier, position) : null;
  const adjacent = tiers[tiers.findIndex((t) => t.min === request.tier.min && t.max === request.tier.max) + step];
  const oneTier = adjacent ? pointsInTier(adjacent, request.responsibility) : null;
  const range = `${request.tier.min}–${request.tier.max}`;
  const how = step < 0 ? 'lighter' : 'heavier';

  if (request.adjustment === TierAdjustment.WITHIN_TIER) {
    return withinTier !== null
      ? { points: withinTier, adjustment: TierAdjustment.WITHIN_TIER }
      : { problem: `${how} within the tier ${range} is not possible for ${request.responsibility.toLowerCase()} responsibility (002 art.25); choose ONE_TIER` };
  }
  if (request.adjustment === TierAdjustment.ONE_TIER) {
    return oneTier !== null
      ? { points: oneTier, adjustment: TierAdjustment.ONE_TIER }
      : { problem: `there is no tier ${step < 0 ? 'below' : 'above'} ${range} (002 art.25); choose WITHIN_TIER` };
  }
  if (withinTier !== null) return { points: withinTier, adjustment: TierAdjustment.WITHIN_TIER };
  if (oneTier !== null) return { points: oneTier, adjustment: TierAdjustment.ONE_TIER };
  return { points: base, adjustment: null };
}

export interface ScoredItem {
  personCode: string;
  /** Items sharing a reference are one violation matching several negative situations. */
  violationRef: string;
  points: number;
}

/**
 * S4: within one inspection decision, one violation that matches several negative situations
 * counts once, at its highest; different violations add up. Returns, per item, whether it
 * counts, and the decision's points per person.
 */
export function combineDecision<T extends ScoredItem>(items: T[]): { counted: boolean[]; pointsByPerson: Map<string, number> } {
  const highest = new Map<string, number>();
  items.forEach((item, index) => {
    const key = `${item.personCode}\u0000${item.violationRef}`;
    const current = highest.get(key);
    if (current === undefined || item.points > items[current].points) highest.set(key, index);
  });
  const counted = items.map((_, index) => [...highest.values()].includes(index));
  const pointsByPerson = new Map<string, number>();
  items.forEach((item, index) => {
    if (counted[index]) pointsByPerson.set(item.personCode, (pointsByPerson.get(item.personCode) ?? 0) + item.points);
  });
  return { counted, pointsByPerson };
}

/**
 * S8 (002 art.31): of a person's items in one decision, the heaviest behaviour (the first of
 * equals): the notice goes to the institution where it happened, and its rule set governs.
 */
export function heaviest<T extends { points: number }>(items: T[]): T {
  return items.reduce((a, b) => (b.points > a.points ? b : a));
}
