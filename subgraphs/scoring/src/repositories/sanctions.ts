import type { RequiredEntityData } from '@mikro-orm/core';
import { EntityManager, findRows } from '@pq/data';
import { SanctionState } from '../domain/outcome';
import { Sanction } from '../entities/sanction';

/** Sanctions: every outcome of a person's scorings (S7), with its state. */

export function findSanctions(em: EntityManager, ids: string[]): Promise<Sanction[]> {
  return findRows(em, Sanction, { id: ids });
}

/** Every sanction of the persons, oldest first (from, then the order they were decided in). */
export function findSanctionsOfPersons(em: EntityManager, personCodes: string[]): Promise<Sanction[]> {
  return findRows(em, Sanction, { personCode: personCodes }, { from: 'asc', recordedAt: 'asc' });
}

/** The suspensions or terminations in force (at most one per person). */
export function findSanctionsInForce(em: EntityManager, personCodes: string[]): Promise<Sanction[]> {
  return findRows(em, Sanction, { personCode: personCodes, state: SanctionState.IN_FORCE });
}

/** The person's suspension or termination in force, to change. */
export function sanctionInForce(em: EntityManager, personCode: string): Promise<Sanction | null> {
  return em.findOne(Sanction, { personCode, state: SanctionState.IN_FORCE });
}

/** A sanction scoring's own rows name: known, or the data is broken. */
export function sanctionOf(em: EntityManager, id: string): Promise<Sanction> {
  return em.findOneOrFail(Sanction, { id });
}

export function addSanction(em: EntityManager, sanction: RequiredEntityData<Sanction>): Sanction {
  return em.create(Sanction, sanction);
}
