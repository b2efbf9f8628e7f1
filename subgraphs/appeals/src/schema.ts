import { authChecker, buildFederatedSchema } from '@pq/kit';
import type { GraphQLSchema } from 'graphql';
import './resolvers/enums';
import { AppealResolver, PersonAppealsResolver, ScoreRecordAppealsResolver } from './resolvers/appeal.resolver';
import { Person, ScoreRecord } from './resolvers/appeal.types';
import { referenceResolvers } from './resolvers/references';

export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
      resolvers: [AppealResolver, PersonAppealsResolver, ScoreRecordAppealsResolver],
      // Extension-only entities: reachable from no root field, so they must be named.
      orphanedTypes: [Person, ScoreRecord],
      authChecker,
    }, referenceResolvers);
}
