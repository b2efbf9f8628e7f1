import { EntityManager, queryRows } from '@pq/data';
import { FundGate } from '../entities/fund-gate';

/** G11: a region prefix closes or opens inpatient designations for a year; setting it again replaces it. */
export async function setFundGate(em: EntityManager, regionPrefix: string, year: number, inpatientClosed: boolean): Promise<void> {
  await em.upsert(FundGate, { regionPrefix, year, inpatientClosed });
}

/** Whether the region's year is closed to inpatient designations by its own gate or that of a region containing it. */
export async function inpatientGateClosed(em: EntityManager, regionCode: string, year: number): Promise<boolean> {
  const [gate] = await queryRows<{ closed: boolean | null }>(em, {
    text: `select bool_or(inpatient_closed) as closed from agreements.fund_gate where year = $1 and $2 like region_prefix || '%'`,
    values: [year, regionCode],
  });
  return Boolean(gate?.closed);
}
