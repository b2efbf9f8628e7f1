import type { EntityManager } from '@pq/data';
import type { ScoringReads } from '../events/consumed';
import { recordInstitution } from '../repositories/institutions';
import { recordCancellation, recordRegistration } from '../repositories/persons';

/** What scoring keeps of other subgraphs' facts: who is registered where, and each institution's region. */

export function personRegistered(em: EntityManager, person: ScoringReads['PersonRegistered']): Promise<void> {
  return recordRegistration(em, person);
}

export function registrationCancelled(em: EntityManager, cancelled: ScoringReads['RegistrationCancelled']): Promise<void> {
  return recordCancellation(em, cancelled);
}

export function institutionUpserted(em: EntityManager, institution: ScoringReads['InstitutionUpserted']): Promise<void> {
  return recordInstitution(em, institution);
}
