import DataLoader from 'dataloader';
import { EntityManager } from '@pq/data';
import { notFound } from '@pq/errors';
import { fetchInstitutionFigures, InstitutionFiguresRow } from '../repositories/reports';

/** Keys are `institutionCode|year`: one statement per year asked for. */
export const institutionFiguresLoader = (em: EntityManager) =>
  new DataLoader<string, InstitutionFiguresRow & { year: number }>(async (keys) => {
    const years = [...new Set(keys.map((k) => Number(k.split('|')[1])))];
    const rows = (
      await Promise.all(
        years.map(async (year) =>
          (await fetchInstitutionFigures(em, { codes: keys.filter((k) => k.endsWith(`|${year}`)).map((k) => k.split('|')[0]) }, year)).map((row) => ({
            ...row,
            year,
          })),
        ),
      )
    ).flat();
    return keys.map((key) => rows.find((row) => `${row.institutionCode}|${row.year}` === key) ?? notFound('institution', key.split('|')[0]));
  });
