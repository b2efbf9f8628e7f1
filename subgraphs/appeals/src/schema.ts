import { auditLogResolver, authChecker, buildFederatedSchema } from '@pq/kit';
import type { GraphQLSchema } from 'graphql';
import './resolvers/enums';
import { AppealResolver, InstitutionAppealsResolver, PersonAppealsResolver, ScoreRecordAppealsResolver } from './resolvers/appeal.resolver';
import { Institution, Person, ScoreRecord } from './resolvers/appeal.types';
import { appealReference } from './resolvers/appeal.reference';
import { institutionReference } from './resolvers/institution.reference';
import { personReference } from './resolvers/person.reference';
import { scoreRecordReference } from './resolvers/score-record.reference';

export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
      resolvers: [AppealResolver, PersonAppealsResolver, ScoreRecordAppealsResolver, InstitutionAppealsResolver, auditLogResolver('appeals')],
      // Extension-only entities: reachable from no root field, so they must be named.
      orphanedTypes: [Person, ScoreRecord, Institution],
      authChecker,
    }, { Person: personReference, ScoreRecord: scoreRecordReference, Institution: institutionReference, Appeal: appealReference });
}
