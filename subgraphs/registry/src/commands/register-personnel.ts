import { assertActsFor, BatchRejectedError, DomainError, EntityManager, EntryProblem, findRows, lockAggregates } from '@pq/kit';
import { birthDateOfIdNumber, genderOfIdNumber, LIVE_STATUSES, RegistrationStatus, regionOfPersonnelCode } from '../domain/personnel';
import { registrationProblem } from '../domain/registration';
import { personHold } from '../domain/status';
import { AgreementStatusInterval } from '../entities/agreement-status-interval';
import { InstitutionView } from '../entities/institution-view';
import { Person } from '../entities/person';
import { Registration } from '../entities/registration';
import { outbox } from '../events/outbox';
import type { Context } from '../resolvers/context';
import type { RegisterPersonnelInput } from '../resolvers/person.types';
import { loadPersonCauses } from '../repositories/person-causes';
import { rederivePersons } from './derive-status';

/**
 * A registration batch by one institution (002 art.13). Every entry is checked first; one bad
 * entry refuses the whole batch with one problem per bad entry, and nothing is stored.
 * Returns the new registration ids in input order.
 */
export async function registerPersonnel(em: EntityManager, context: Context, input: RegisterPersonnelInput): Promise<string[]> {
  if (input.people.length === 0) throw new DomainError('BAD_USER_INPUT', 'a registration batch needs at least one person');
  const today = context.clock.today();
  const institution = await em.findOne(InstitutionView, { code: input.institutionCode });
  const agreements = await findRows(em, AgreementStatusInterval, { institutionCode: input.institutionCode });
  assertActsFor(context, input.institutionCode, institution?.regionCode ?? input.institutionCode.slice(1, 7));

  const codes = input.people.map((p) => p.code);
  await lockAggregates(em, 'person', codes);
  const persons = await em.find(Person, { code: { $in: codes } });
  const liveRegistrations = await em.find(Registration, { personCode: { $in: codes }, status: { $in: [...LIVE_STATUSES] } });
  const causes = await loadPersonCauses(em, persons.map((p) => p.code));

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
    if (!person) {
      person = em.create(Person, {
        code: entry.code,
        name: entry.name,
        idNumber: entry.idNumber,
        birthDate: birthDateOfIdNumber(entry.idNumber),
        gender: entry.gender ?? genderOfIdNumber(entry.idNumber),
        phone: entry.phone ?? null,
        category: entry.category,
        regionCode: regionOfPersonnelCode(entry.code),
        status: RegistrationStatus.NORMAL,
        reRegistrationBlockedUntil: null,
      });
    } else {
      person.name = entry.name;
      person.phone = entry.phone ?? person.phone;
    }
    const registration = em.create(Registration, {
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
  await em.flush();
  await rederivePersons(em, codes, today);
  await outbox.publishAll(
    em,
    registrations.map(({ person, registration }) => ({
      type: 'PersonRegistered' as const,
      key: person.code,
      payload: {
        personCode: person.code,
        name: person.name,
        category: person.category,
        institutionCode: registration.institutionCode,
        regionCode: institution!.regionCode,
        registrationId: registration.id,
        registeredOn: registration.registeredOn,
      },
    })),
  );
  return registrations.map(({ registration }) => registration.id);
}
