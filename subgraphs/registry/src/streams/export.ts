import { exportRoute, StreamRoute } from '@pq/subgraph';
import type { Loaders } from '../loaders';
import { personExportRows, registrationExportRows } from '../repositories/export';
import { PERMISSIONS } from '../resolvers/permissions';

/** Registry's bulk exports (docs/export.md): persons with their status, and registrations; roles as for the `persons` list. */
export const exportStreams: StreamRoute<Loaders>[] = [
  exportRoute({
    name: 'persons',
    roles: PERMISSIONS.persons,
    period: 'year',
    rows: (request) => personExportRows(request, PERMISSIONS.personalData.includes(request.caller.role)),
  }),
  exportRoute({ name: 'registrations', roles: PERMISSIONS.persons, period: 'dates', rows: registrationExportRows }),
];
