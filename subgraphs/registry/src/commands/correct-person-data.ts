import { outOfScope } from '@pq/caller';
import { EntityManager, lockAggregates } from '@pq/data';
import { DomainError, notFound } from '@pq/errors';
import { correctedPersonData, PersonData, PersonDataCorrection } from '../domain/correction';
import { otherPersonWithIdNumber, personsForChange, savePersons, visiblePersonCodes } from '../repositories/persons';
import { Actor } from './actor';

/** The agency's correction of a person's file, on the document that shows the right data. */
export interface CorrectPersonData extends PersonDataCorrection {
  personCode: string;
  basisDocument: string;
}

/**
 * A person belongs to no institution: their identity is corrected by a medical-insurance agency
 * (PERMISSIONS.correctPersonData) whose scope holds them, never by an institution's registration. Returns what changed.
 */
export async function correctPersonData(
  em: EntityManager,
  actor: Actor,
  input: CorrectPersonData,
): Promise<{ personCode: string; changed: (keyof PersonData)[] }> {
  if (!input.basisDocument.trim()) throw new DomainError('BAD_USER_INPUT', 'a correction names the document it rests on', { field: 'basisDocument' });
  await lockAggregates(em, 'person', [input.personCode]);
  const [person] = await personsForChange(em, [input.personCode]);
  if (!person) throw notFound('person', input.personCode);
  if (!(await visiblePersonCodes(em, actor.caller, [person.code])).has(person.code)) throw outOfScope('person', person.code);

  const { data, changed } = correctedPersonData(
    { name: person.name, idNumber: person.idNumber, birthDate: person.birthDate, gender: person.gender ?? null, phone: person.phone ?? null },
    input,
  );
  if (changed.includes('idNumber')) {
    const holder = await otherPersonWithIdNumber(em, data.idNumber, person.code);
    if (holder) throw new DomainError('BAD_USER_INPUT', `another person (${holder}) is on file with this ID number`, { field: 'idNumber' });
  }
  Object.assign(person, data);
  await savePersons(em);
  return { personCode: person.code, changed };
}
