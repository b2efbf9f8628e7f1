import { assertActsFor } from '@pq/caller';
import { EntityManager, lockAggregates } from '@pq/data';
import { BatchRejectedError, DomainError, EntryProblem } from '@pq/errors';
import { IsoDate } from '@pq/time';
import { birthDateOfIdNumber, Gender, genderOfIdNumber, PersonnelCategory, RegistrationStatus, regionOfPersonnelCode } from '../domain/personnel';
import { registrationProblem } from '../domain/registration';
import { personHold } from '../domain/status';
import { publishPersonsRegistered } from '../events/publish';
import { agreementStatusesOf, findInstitution } from '../repositories/institutions';
import { loadPersonCauses } from '../repositories/person-causes';
import { createPerson, personsForChange } from '../repositories/persons';
import { createRegistration, liveRegistrationsOf, saveRegistrations } from '../repositories/registrations';
import { Actor } from './actor';
import { registeredChange } from './change-feed';
import { rederivePersons } from './derive-status';

/** One person of a registration batch (002 form 2). */
export interface PersonnelEntry {
  code: string;
  name: string;
  idNumber: string;
  category: PersonnelCategory;
  /** Default: from the ID number. */
  gender?: Gender | null;
  phone?: string | null;
  practiceType?: string | null;
  practiceCategory?: string | null;
  practiceScope?: string | null;
  professionalTitle?: string | null;
  /** Default: today. */
  registeredOn?: IsoDate | null;
}

/** A registration batch by one institution (002 art.13). */
export interface RegisterPersonnel {
  institutionCode: string;
  people: PersonnelEntry[];
}

/**
 * A registration batch by one institution (002 art.13). Every entry is checked first; one bad
 * entry refuses the whole batch with one problem per bad entry, and nothing is stored.
 * Returns the new registration ids in input order.
 */
export async function registerPersonnel(em: EntityManager, actor: Actor, input: RegisterPersonnel): Promise<string[]> {
  if (input.people.length === 0) throw new DomainError('BAD_USER_INPUT', 'a registration batch needs at least one person');
  const today = actor.clock.today();
  const institution = await findInstitution(em, input.institutionCode);
  const agreements = await agreementStatusesOf(em, input.institutionCode);
  assertActsFor(actor.caller, input.institutionCode, institution?.regionCode ?? input.institutionCode.slice(1, 7));

  const codes = input.people.map((p) => p.code);
  await lockAggregates(em, 'person', codes);
  const persons = await personsForChange(em, codes);
  const liveRegistrations = await liveRegistrationsOf(em, codes);
  const causes = await loadPersonCauses(
    em,
    persons.map((p) => p.code),
  );

  const problems: EntryProblem[] = [];
  const seen = new Set<string>();
  input.people.forEach((entry, index) => {
    if (seen.has(entry.code)) {
      problems.push({ index, code: 'BAD_USER_INPUT', message: `${entry.code} appears twice in the batch` });
      return;
    }
    seen.add(entry.code);
    const person = persons.find((p) => p.code === entry.code) ?? null;
    const registeredOn = entry.registeredOn ?? today;
    const problem = registrationProblem(
      { ...entry, institutionCode: input.institutionCode, registeredOn },
      institution && { code: institution.code, kind: institution.kind, agreements },
      person && {
        idNumber: person.idNumber,
        name: person.name,
        birthDate: person.birthDate,
        status: personHold(causes.get(person.code)!, registeredOn)?.status ?? RegistrationStatus.NORMAL,
        reRegistrationBlockedUntil: person.reRegistrationBlockedUntil ?? null,
        liveInstitutionCodes: liveRegistrations.filter((r) => r.personCode === person.code).map((r) => r.institutionCode),
      },
    );
    if (problem) problems.push({ index, ...problem });
  });
  if (problems.length > 0) throw new BatchRejectedError(problems);

  const registrations = input.people.map((entry) => {
    let person = persons.find((p) => p.code === entry.code);
    // A known person's data stays as on file (checked above): the agency alone corrects it.
    if (!person) {
      person = createPerson(em, {
        code: entry.code,
        name: entry.name.trim(),
        idNumber: entry.idNumber,
        birthDate: birthDateOfIdNumber(entry.idNumber),
        gender: entry.gender ?? genderOfIdNumber(entry.idNumber),
        phone: entry.phone ?? null,
        category: entry.category,
        regionCode: regionOfPersonnelCode(entry.code),
        status: RegistrationStatus.NORMAL,
        reRegistrationBlockedUntil: null,
      });
    }
    const registration = createRegistration(em, {
      personCode: entry.code,
      institutionCode: input.institutionCode,
      status: RegistrationStatus.NORMAL,
      commitmentSignedOn: null,
      registeredOn: entry.registeredOn ?? today,
      practiceType: entry.practiceType ?? null,
      practiceCategory: entry.practiceCategory ?? null,
      practiceScope: entry.practiceScope ?? null,
      professionalTitle: entry.professionalTitle ?? null,
    });
    return { person, registration };
  });
  await saveRegistrations(em);
  const registered = registrations.map(({ person, registration }) => ({
    personCode: person.code,
    name: person.name,
    category: person.category,
    institutionCode: registration.institutionCode,
    regionCode: institution!.regionCode,
    registrationId: registration.id,
    registeredOn: registration.registeredOn,
  }));
  const eventIds = await publishPersonsRegistered(em, registered);
  await rederivePersons(
    em,
    codes,
    today,
    registered.map((r, i) => registeredChange(r, eventIds[i])),
  );
  return registrations.map(({ registration }) => registration.id);
}
