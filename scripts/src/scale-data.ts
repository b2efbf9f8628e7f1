import { addDays } from '@pq/time';
import { withCheckCharacter } from './demo';

/** Deterministic pseudo-random numbers (mulberry32): the same seed makes the same province. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shandong's 16 cities, 6 districts each: the regions of the generated province. */
export const REGIONS = Array.from({ length: 16 }, (_, city) =>
  Array.from({ length: 6 }, (_, d) => `37${String(city + 1).padStart(2, '0')}${String(d + 2).padStart(2, '0')}`),
).flat();

export interface ScalePlan {
  persons: number;
  institutions: number;
  multiSiteShare: number;
  scoreRecords: number;
  appeals: number;
}

export function planFor(persons: number): ScalePlan {
  const scale = persons / 1_000_000;
  return {
    persons,
    institutions: Math.max(50, Math.round(80_000 * scale)),
    multiSiteShare: 0.1,
    scoreRecords: Math.round(300_000 * scale),
    appeals: Math.round(20_000 * scale),
  };
}

export function institutionCode(index: number): string {
  const region = REGIONS[index % REGIONS.length];
  const kind = index % 10 < 7 ? 'H' : 'P';
  return `${kind}${region}${String(Math.floor(index / REGIONS.length)).padStart(5, '0')}`;
}

/** Persons are spread over the regions; their code's region is where they first registered. */
export function personCode(index: number): string {
  const region = REGIONS[index % REGIONS.length];
  return `D${region}${String(Math.floor(index / REGIONS.length)).padStart(6, '0')}`;
}

export function personIdNumber(index: number): string {
  const region = REGIONS[index % REGIONS.length];
  const birth = addDays('1960-01-01', index % 14_000).replace(/-/g, '');
  return withCheckCharacter(`${region}${birth}${String(index % 1000).padStart(3, '0')}`);
}

/**
 * An institution of the person's region. A province has a few large hospitals and many small
 * sites: the share of a region's staff falls off with the institution's rank (a squared uniform),
 * so the largest institutions have hundreds of staff and most have a handful. `site` 0 is the
 * person's first site; 1+ their other sites.
 */
export function institutionOfPerson(personIndex: number, plan: ScalePlan, site: number): string {
  const regionIndex = personIndex % REGIONS.length;
  const perRegion = Math.max(1, Math.floor(plan.institutions / REGIONS.length));
  const u = (((Math.floor(personIndex / REGIONS.length) + site * 7919) * 2654435761) >>> 0) / 4294967296;
  return institutionCode(regionIndex + REGIONS.length * Math.floor(u * u * perRegion));
}
