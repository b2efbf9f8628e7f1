import { authChecker, buildFederatedSchema } from '@pq/graphql';
import { auditLogResolver } from '@pq/subgraph';
import type { GraphQLSchema } from 'graphql';
import './resolvers/enums';
import { AnalyticsGroupKeyResolver, AnalyticsResolver } from './resolvers/analytics.resolver';
import { NoticeResolver, RestorationResolver } from './resolvers/notice.resolver';
import { institutionReference } from './resolvers/institution.reference';
import { personReference } from './resolvers/person.reference';
import { InstitutionReportResolver, PersonRepairResolver, ReportResolver } from './resolvers/report.resolver';
import { PersonScoringResolver, ScoreRecordResolver } from './resolvers/score.resolver';
import { scoreRecordReference } from './resolvers/score-record.reference';

export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        ScoreRecordResolver,
        PersonScoringResolver,
        NoticeResolver,
        RestorationResolver,
        ReportResolver,
        InstitutionReportResolver,
        PersonRepairResolver,
        AnalyticsResolver,
        AnalyticsGroupKeyResolver,
        auditLogResolver('scoring'),
      ],
      authChecker,
    },
    { Person: personReference, Institution: institutionReference, ScoreRecord: scoreRecordReference },
  );
}
