import { authChecker, buildFederatedSchema } from '@pq/graphql';
import { auditLogResolver } from '@pq/subgraph';
import type { GraphQLSchema } from 'graphql';
import './resolvers/enums';
import { AnalyticsGroup, AnalyticsGroupAppealsResolver, analyticsGroupReference } from './resolvers/analytics-group.reference';
import { appealReference } from './resolvers/appeal.reference';
import { AppealResolver } from './resolvers/appeal.resolver';
import { Institution, InstitutionAppealsResolver, institutionReference } from './resolvers/institution.reference';
import { Person, PersonAppealsResolver, personReference } from './resolvers/person.reference';
import { ScoreRecord, ScoreRecordAppealsResolver, scoreRecordReference } from './resolvers/score-record.reference';

export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        AppealResolver,
        PersonAppealsResolver,
        ScoreRecordAppealsResolver,
        InstitutionAppealsResolver,
        AnalyticsGroupAppealsResolver,
        auditLogResolver('appeals'),
      ],
      // Extension-only entities: reachable from no root field, so they must be named.
      orphanedTypes: [Person, ScoreRecord, Institution, AnalyticsGroup],
      authChecker,
    },
    {
      Person: personReference,
      ScoreRecord: scoreRecordReference,
      Institution: institutionReference,
      Appeal: appealReference,
      AnalyticsGroup: analyticsGroupReference,
    },
  );
}
