import type { Tier } from './rule-set';

export enum Responsibility {
  GENERAL = 'GENERAL',
  IMPORTANT = 'IMPORTANT',
  MAIN = 'MAIN',
}

/** The points responsibility gives within a tier (S3): general low, important middle, main high. */
function pointsInTier(tier: Tier, responsibility: Responsibility): number {
  if (responsibility === Responsibility.GENERAL) return tier.min;
  if (responsibility === Responsibility.MAIN) return tier.max;
  return Math.round((tier.min + tier.max) / 2);
}

/**
 * Every point value the tiers can give, ascending: the ladder mitigation and aggravation move
 * along. One step down is "lighter within the tier" (main → important) or, from the bottom of a
 * tier, "one tier lower"; one step up likewise. With Jining's fixed tiers (1, 3, 6, 12) a step
 * is always a whole tier.
 */
function pointLadder(tiers: Tier[]): number[] {
  const values = new Set<number>();
  for (const tier of tiers) for (const r of Object.values(Responsibility)) values.add(pointsInTier(tier, r));
  return [...values].sort((a, b) => a - b);
}

export interface ScoreRequest {
  tier: Tier;
  responsibility: Responsibility;
  mitigation: boolean;
  aggravation: boolean;
}

/** S2–S3: points for one violation item. Mitigation and aggravation together cancel out. */
export function pointsFor(tiers: Tier[], request: ScoreRequest): number {
  const base = pointsInTier(request.tier, request.responsibility);
  const step = (request.aggravation ? 1 : 0) - (request.mitigation ? 1 : 0);
  if (step === 0) return base;
  const ladder = pointLadder(tiers);
  const position = ladder.indexOf(base);
  return ladder[Math.min(Math.max(position + step, 0), ladder.length - 1)];
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
