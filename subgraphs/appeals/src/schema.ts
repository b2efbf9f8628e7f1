import { auditLogResolver, authChecker, buildFederatedSchema } from '@pq/kit';
import type { GraphQLSchema } from 'graphql';
import './resolvers/enums';
import { AppealResolver, InstitutionAppealsResolver, PersonAppealsResolver, ScoreRecordAppealsResolver } from './resolvers/appeal.resolver';
import { Institution, Person, ScoreRecord } from './resolvers/appeal.types';
import { referenceResolvers } from './resolvers/references';

export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
      resolvers: [AppealResolver, PersonAppealsResolver, ScoreRecordAppealsResolver, InstitutionAppealsResolver, auditLogResolver('appeals')],
      // Extension-only entities: reachable from no root field, so they must be named.
      orphanedTypes: [Person, ScoreRecord, Institution],
      authChecker,
    }, referenceResolvers);
}
