import { authChecker, buildFederatedSchema } from '@pq/graphql';
import { auditLogResolver } from '@pq/subgraph';
import type { GraphQLSchema } from 'graphql';
import './resolvers/enums';
import { ChangeResolver } from './resolvers/change.resolver';
import { ClaimsResolver } from './resolvers/claims.resolver';
import { institutionReference } from './resolvers/institution.reference';
import { InstitutionPersonnelResolver } from './resolvers/institution.resolver';
import { NodeResolver } from './resolvers/node.resolver';
import { personReference } from './resolvers/person.reference';
import { PersonResolver } from './resolvers/person.resolver';
import { registrationReference } from './resolvers/registration.reference';
import { RegistrationResolver } from './resolvers/registration.resolver';

export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        PersonResolver,
        ChangeResolver,
        RegistrationResolver,
        ClaimsResolver,
        InstitutionPersonnelResolver,
        NodeResolver,
        auditLogResolver('registry'),
      ],
      authChecker,
    },
    { ...personReference, ...registrationReference, ...institutionReference },
  );
}
