import { createHash } from 'node:crypto';

/**
 * The GraphQL operations behind the FHIR view, run through the gateway itself with the caller's
 * token: scope, masking and audit are the subgraphs' own. `$full` asks for the full ID number and
 * birth date, only for callers who may read personal data (an audited read, as in GraphQL).
 */
const PERSON = 'code name gender category status points idNumberMasked idNumber @include(if: $full) birthDate @include(if: $full)';
const REGISTRATION = 'id status registeredOn cancelledOn commitmentSigned updatedAt person { code name category points } institution { code }';
const PAGE = 'totalCount pageInfo { hasNextPage endCursor }';

export const READ_PRACTITIONER = `query FhirPractitioner($code: ID!, $full: Boolean!) { person(code: $code) { ${PERSON} } }`;

export const SEARCH_PRACTITIONERS = `query FhirPractitioners($filter: PersonFilter, $first: Int, $after: String, $full: Boolean!) {
  persons(filter: $filter, first: $first, after: $after) { ${PAGE} edges { node { ${PERSON} } } }
}`;

export const READ_PRACTITIONER_ROLE = `query FhirPractitionerRole($id: ID!) { registration(id: $id) { ${REGISTRATION} } }`;

export const PRACTITIONER_ROLE_HISTORY = `query FhirPractitionerRoleHistory($id: ID!) {
  registration(id: $id) { ${REGISTRATION} person { statusHistory { status statusAfterReview annulled from until cause basisDocument registrationId } } }
}`;

export const SEARCH_PRACTITIONER_ROLES = `query FhirPractitionerRoles($filter: RegistrationFilter, $first: Int, $after: String) {
  registrations(filter: $filter, first: $first, after: $after) { ${PAGE} edges { node { ${REGISTRATION} } } }
}`;

const INSTITUTION = 'code name kind regionCode agreement { id status validFrom validUntil }';

export const READ_ORGANIZATION = `query FhirOrganization($code: ID!) { institution(code: $code) { ${INSTITUTION} } }`;

export const SEARCH_ORGANIZATIONS = `query FhirOrganizations($filter: InstitutionFilter, $first: Int, $after: String) {
  institutions(filter: $filter, first: $first, after: $after) { ${PAGE} edges { node { ${INSTITUTION} } } }
}`;

/**
 * The view's operations by their SHA-256 (Apollo Server's query hash): part of the gateway's own
 * reviewed code, so PERSISTED_ONLY lets them run beside the committed manifest.
 */
export const FHIR_OPERATION_HASHES: Record<string, true> = Object.fromEntries(
  [
    READ_PRACTITIONER,
    SEARCH_PRACTITIONERS,
    READ_PRACTITIONER_ROLE,
    PRACTITIONER_ROLE_HISTORY,
    SEARCH_PRACTITIONER_ROLES,
    READ_ORGANIZATION,
    SEARCH_ORGANIZATIONS,
  ].map((document) => [createHash('sha256').update(document).digest('hex'), true]),
);
