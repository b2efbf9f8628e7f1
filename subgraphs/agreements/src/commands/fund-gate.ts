import { assertRegionInScope } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { setFundGate } from '../repositories/fund-gates';
import type { Actor } from './actor';

export interface FundGateSetting {
  regionPrefix: string;
  year: number;
  inpatientClosed: boolean;
}

/** G11: an agency of the region closes or opens inpatient designations for a year. */
export async function setInpatientFundGate(em: EntityManager, actor: Pick<Actor, 'caller'>, setting: FundGateSetting): Promise<void> {
  assertRegionInScope(actor.caller, setting.regionPrefix);
  await setFundGate(em, setting.regionPrefix, setting.year, setting.inpatientClosed);
}
