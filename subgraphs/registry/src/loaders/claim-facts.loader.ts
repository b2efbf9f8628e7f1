import DataLoader from 'dataloader';
import { orderByKeys } from '@pq/batching';
import { coalescedRead, EntityManager } from '@pq/data';
import { ClaimLine, ClaimLineFacts, fetchClaimFacts } from '../repositories/claim-facts';

/**
 * `paymentEligibility` calls of one request answered by one statement, merged with the checks
 * other requests send in the same turn (coalescedRead): settlement systems send checks one at a
 * time, many at once. A line's id names its site, date and emergency, so equal ids are equal checks.
 */
export function claimFactsLoader(em: EntityManager): DataLoader<ClaimLine, ClaimLineFacts, string> {
  return new DataLoader(
    (lines) =>
      coalescedRead(em, 'pq_site_facts', [...lines], async (em, calls: ClaimLine[][]) => {
        const facts = await fetchClaimFacts(em, calls.flat(), false);
        return calls.map(
          (lines) =>
            orderByKeys(
              lines.map((line) => line.lineId),
              facts,
              (f) => f.lineId,
            ) as ClaimLineFacts[],
        );
      }),
    { cacheKeyFn: (line) => line.lineId },
  );
}
