import { refusalOf } from './routes';

describe('a GraphQL error as the FHIR view answers it', () => {
  test.each([
    ['BAD_USER_INPUT', 400, 'invalid'],
    ['INVALID_CURSOR', 400, 'invalid'],
    ['QUERY_TOO_COSTLY', 400, 'invalid'],
    ['FORBIDDEN', 403, 'forbidden'],
    ['UNAUTHENTICATED', 401, 'login'],
    ['NOT_FOUND', 404, 'not-found'],
    ['SERVICE_UNAVAILABLE', 503, 'transient'],
  ])("%s, a caller's mistake or a retry, keeps its message: %d %s", (code, status, issueCode) => {
    expect(refusalOf({ message: 'what the caller should know', extensions: { code } })).toMatchObject({
      status,
      issueCode,
      code,
      message: 'what the caller should know',
    });
  });

  test.each(['DOWNSTREAM_SERVICE_ERROR', 'INTERNAL_SERVER_ERROR', 'GRAPHQL_VALIDATION_FAILED', 'toString', undefined])(
    'an unknown code (%s) is the server’s fault: 500, saying nothing of itself',
    (code) => {
      const refusal = refusalOf({ message: 'relation "registry.person" does not exist', extensions: code ? { code } : {} });
      expect(refusal).toMatchObject({ status: 500, issueCode: 'exception', code: 'INTERNAL_SERVER_ERROR', message: 'internal error' });
    },
  );
});
