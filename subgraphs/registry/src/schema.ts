import { auditLogResolver, authChecker, buildFederatedSchema } from '@pq/kit';
import type { GraphQLSchema } from 'graphql';
import './resolvers/enums';
import { ClaimsResolver } from './resolvers/claims.resolver';
import { InstitutionPersonnelResolver } from './resolvers/institution.resolver';
import { PersonResolver } from './resolvers/person.resolver';
import { referenceResolvers } from './resolvers/references';
import { RegistrationResolver } from './resolvers/registration.resolver';

export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({ resolvers: [PersonResolver, RegistrationResolver, ClaimsResolver, InstitutionPersonnelResolver, auditLogResolver('registry')], authChecker }, referenceResolvers);
}
