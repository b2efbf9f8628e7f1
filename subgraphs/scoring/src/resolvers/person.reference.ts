import { askedPersonYearKey, pointsOf } from '../loaders/year-total.loader';
import type { Context } from './context';
import type { Person } from './score.types';

/** `_entities` for Person: owned by registry, scoring resolves it where the caller may see the person. */
export const personReference = {
  __resolveReference: (reference: { code: string }, context: Context): Promise<Person | null> => context.loaders.visiblePerson.load(reference.code),
  __resolveReferences: (references: { code: string }[], context: Context) => context.loaders.visiblePerson.loadAll(references.map((r) => r.code)),
  __resolveFields: {
    // PersonScoringResolver.points for all persons of one `_entities` call: the same loader, key and default year.
    points: async (persons: Person[], { year }: { year?: number | null }, context: Context) => {
      const rows = await context.loaders.yearTotal.loadAll(persons.map((person) => askedPersonYearKey(person.code, year, context.clock)));
      return rows.map((row) => (row instanceof Error ? row : pointsOf(row)));
    },
  },
};
