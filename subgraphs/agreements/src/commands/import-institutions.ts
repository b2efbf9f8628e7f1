import { assertActsFor } from '@pq/caller';
import { EntityManager } from '@pq/data';
import { BatchRejectedError, EntryProblem } from '@pq/errors';
import { institutionImportProblem, InstitutionImportEntry } from '../domain/institution';
import { institutionUpserted, publishInstitutions } from '../events/publish';
import { agreementsOf, createAgreement } from '../repositories/agreements';
import { InstitutionFacts, upsertInstitutions } from '../repositories/institutions';
import { Actor } from './actor';

/** One institution designated before this system, with its current agreement. */
export type InstitutionImport = InstitutionImportEntry &
  Pick<InstitutionFacts, 'name' | 'owner' | 'publicInstitution' | 'level' | 'beds' | 'legalRepresentative' | 'principal'>;

/**
 * Brings in institutions designated before this system (P4), each with its current agreement.
 * All or nothing: one bad entry refuses the batch. Re-importing an institution updates it and
 * keeps its agreement history. Returns the institution codes.
 */
export async function importInstitutions(em: EntityManager, actor: Pick<Actor, 'caller'>, entries: InstitutionImport[]): Promise<string[]> {
  const problems: EntryProblem[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const problem = institutionImportProblem(entry);
    if (problem) problems.push({ index, ...problem });
    else if (seen.has(entry.code)) problems.push({ index, code: 'BAD_USER_INPUT', message: `${entry.code} appears twice in the batch` });
    else {
      try {
        assertActsFor(actor.caller, entry.code, entry.regionCode);
      } catch (error) {
        problems.push({ index, code: 'FORBIDDEN', message: (error as Error).message });
      }
    }
    seen.add(entry.code);
  });
  if (problems.length > 0) throw new BatchRejectedError(problems);

  const codes = entries.map((e) => e.code);
  const existingAgreements = await agreementsOf(em, codes);
  // One upsert statement for the batch, one for the events: an import carries thousands of institutions.
  const institutions = await upsertInstitutions(
    em,
    entries.map((entry) => ({
      code: entry.code,
      name: entry.name,
      kind: entry.kind,
      regionCode: entry.regionCode,
      owner: entry.owner ?? null,
      publicInstitution: entry.publicInstitution ?? false,
      level: entry.level ?? null,
      beds: entry.beds ?? null,
      legalRepresentative: entry.legalRepresentative ?? null,
      principal: entry.principal ?? null,
    })),
  );
  const events = entries.map((entry, index) => {
    let agreement = existingAgreements.find(
      (a) => a.institutionCode === entry.code && a.regionCode === entry.regionCode && a.validFrom === entry.agreementValidFrom,
    );
    if (!agreement) {
      agreement = createAgreement(em, entry.code, entry.regionCode, { validFrom: entry.agreementValidFrom, validUntil: entry.agreementValidUntil });
    } else {
      agreement.validUntil = entry.agreementValidUntil;
    }
    return institutionUpserted(institutions[index], agreement);
  });
  await publishInstitutions(em, events);
  await em.flush();
  return codes;
}
