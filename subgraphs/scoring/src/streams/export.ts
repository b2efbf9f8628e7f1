import { exportRoute, StreamRoute } from '@pq/subgraph';
import type { Loaders } from '../loaders';
import { pointsExportRows, sanctionExportRows, scoreRecordExportRows } from '../repositories/export';
import { PERMISSIONS } from '../resolvers/permissions';

/**
 * Scoring's bulk exports (docs/export.md). Points answer whoever may export registry's persons
 * (the gateway joins the two); score records and sanctions whoever may read the reports.
 */
export const exportStreams: StreamRoute<Loaders>[] = [
  exportRoute({ name: 'points', roles: PERMISSIONS.pointsExport, period: 'year', rows: pointsExportRows }),
  exportRoute({ name: 'score-records', roles: PERMISSIONS.reports, period: 'dates', rows: scoreRecordExportRows }),
  exportRoute({ name: 'sanctions', roles: PERMISSIONS.reports, period: 'dates', rows: sanctionExportRows }),
];
