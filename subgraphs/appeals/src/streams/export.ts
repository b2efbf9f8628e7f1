import { exportRoute, StreamRoute } from '@pq/subgraph';
import type { Loaders } from '../loaders';
import { appealExportRows } from '../repositories/export';
import { PERMISSIONS } from '../resolvers/permissions';

/** Appeals' bulk export (docs/export.md), for those who may read the appeal queue. */
export const exportStreams: StreamRoute<Loaders>[] = [
  exportRoute({ name: 'appeals', roles: PERMISSIONS.appealQueue, period: 'dates', rows: appealExportRows }),
];
