import { authChecker, buildFederatedSchema } from '@pq/graphql';
import { auditLogResolver } from '@pq/subgraph';
import type { GraphQLSchema } from 'graphql';
import './resolvers/enums';
import { AgreementMeasureResolver } from './resolvers/agreement.resolver';
import { DesignationResolver, InformationChangeResolver } from './resolvers/designation.resolver';
import { institutionReference } from './resolvers/institution.reference';
import { AgreementResolver, InstitutionResolver } from './resolvers/institution.resolver';

export function buildSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [
        InstitutionResolver,
        AgreementResolver,
        AgreementMeasureResolver,
        DesignationResolver,
        InformationChangeResolver,
        auditLogResolver('agreements'),
      ],
      authChecker,
    },
    { Institution: institutionReference },
  );
}
