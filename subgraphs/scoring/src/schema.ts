import { authChecker, buildFederatedSchema } from '@pq/kit';
import type { GraphQLSchema } from 'graphql';
import './resolvers/enums';
import { referenceResolvers } from './resolvers/references';
import { PersonScoringResolver, ScoreRecordResolver } from './resolvers/score.resolver';

export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [ScoreRecordResolver, PersonScoringResolver], authChecker }, referenceResolvers);
}
