import { addDays, addMonths } from '@pq/time';
import { WorkingDayCalendar } from '@pq/time/files';
import { DEMO_INSTITUTIONS, demoDates, MULTI_SITE_DOCTOR } from '../scripts/src/demo';

/** Appeal ids are generated; the canonical answer names them `<id>`. */
export function withoutIds<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v) => (key === 'id' && typeof v === 'string' ? '<id>' : v));
}

/** The docs/api.md dashboard of the demo's multi-site doctor, as the demo seeded on `today`. */
export function expectedDemoDashboard(today: string) {
  const dates = demoDates(today);
  const name = (code: string) => DEMO_INSTITUTIONS.find((i) => i.code === code)!.name;
  const site = (code: string) => ({
    status: 'NORMAL',
    institution: { code, name: name(code), agreement: { status: 'ACTIVE', validUntil: dates.agreementValidUntil } },
  });
  return {
    person: {
      code: MULTI_SITE_DOCTOR,
      name: '张伟',
      status: 'NORMAL',
      points: 3,
      activeSanction: null,
      registrations: [site('H37080200090'), site('H37100200015')],
      openAppeals: [{ id: '<id>', status: 'FILED', filedOn: today, decideBy: new WorkingDayCalendar().addWorkingDays(today, 20) }],
    },
  };
}

/** Last day of an N-month suspension starting on `from`. */
export const suspensionUntil = (from: string, months: number) => addDays(addMonths(from, months), -1);
