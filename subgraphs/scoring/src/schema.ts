import { auditLogResolver, authChecker, buildFederatedSchema } from '@pq/kit';
import type { GraphQLSchema } from 'graphql';
import './resolvers/enums';
import { NoticeResolver, RestorationResolver } from './resolvers/notice.resolver';
import { referenceResolvers } from './resolvers/references';
import { InstitutionReportResolver, PersonRepairResolver, ReportResolver } from './resolvers/report.resolver';
import { PersonScoringResolver, ScoreRecordResolver } from './resolvers/score.resolver';

export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [ScoreRecordResolver, PersonScoringResolver, NoticeResolver, RestorationResolver, ReportResolver, InstitutionReportResolver, PersonRepairResolver, auditLogResolver('scoring')], authChecker }, referenceResolvers);
}
