export interface GraphQLResponse<T = unknown> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

export type QueryFunction = <T = unknown>(query: string, variables?: Record<string, unknown>, token?: string) => Promise<GraphQLResponse<T>>;

/** A minimal GraphQL-over-HTTP client for scripts and tests. */
export function graphqlClient(url: string, defaultToken?: string): QueryFunction {
  return async <T>(query: string, variables: Record<string, unknown> = {}, token = defaultToken) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
}

/** Throws with the errors' codes and messages when a response has errors. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length) {
    throw new Error(response.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'));
  }
  return response.data as T;
}

/**
 * Repeats an operation while it fails only because an event has not reached its consumer yet
 * (the consumer's read model does not know the institution or person so far).
 */
export async function untilEventsArrive<T>(operation: () => Promise<GraphQLResponse<T>>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await operation();
    const waiting = response.errors?.length && response.errors.every((e) => ['NOT_FOUND', 'NO_AGREEMENT_IN_FORCE'].includes(String(e.extensions?.code)));
    if (!waiting || Date.now() > deadline) return dataOf(response);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
