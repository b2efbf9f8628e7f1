/* global graphql */
// A Relay portal's personnel list (docs/portals.md): the institution fetched by its global id with
// node(id:), its personnel a connection paged both ways (usePaginationFragment: loadNext, loadPrevious).

export const institutionPersonnelQuery = graphql`
  query InstitutionPersonnelQuery($id: ID!, $status: RegistrationStatus) {
    node(id: $id) {
      ... on Institution {
        code
        name
      }
      ...InstitutionPersonnel_institution @alias @arguments(status: $status)
    }
  }
`;

export const institutionPersonnelFragment = graphql`
  fragment InstitutionPersonnel_institution on Institution
  @refetchable(queryName: "InstitutionPersonnelPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int", defaultValue: 20 }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
    status: { type: "RegistrationStatus" }
  ) {
    personnel(first: $first, after: $after, last: $last, before: $before, status: $status)
      @connection(key: "InstitutionPersonnel_personnel", filters: ["status"]) {
      totalCount
      edges {
        node {
          id
          code
          name
          status
          points
        }
      }
    }
  }
`;
