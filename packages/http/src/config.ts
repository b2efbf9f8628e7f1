/** The four subgraphs, in port order. Their names are also their PostgreSQL schema names. */
export const SUBGRAPHS = ['registry', 'scoring', 'agreements', 'appeals'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export const GATEWAY_DEFAULT_PORT = 4000;
export const SUBGRAPH_DEFAULT_PORTS: Record<SubgraphName, number> = {
  registry: 4001,
  scoring: 4002,
  agreements: 4003,
  appeals: 4004,
};

/**
 * Development-only signing secret. It is printed in docs/operations.md so that anyone can mint a
 * local token; production must set JWT_SECRET (or a JWKS URL), and the services refuse
 * to start in production without one.
 */
export const DEVELOPMENT_JWT_SECRET = 'pq-development-secret-not-for-production';

export function jwtSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('JWT_SECRET must be set when NODE_ENV=production');
  return DEVELOPMENT_JWT_SECRET;
}

const envName = (name: SubgraphName) => name.toUpperCase();

/** `REGISTRY_DATABASE_URL` etc. give a subgraph its own database; otherwise all share `DATABASE_URL`. */
export function databaseUrlFromEnv(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  const url = env[`${envName(name)}_DATABASE_URL`] ?? env.DATABASE_URL;
  if (!url) throw new Error(`No database configured for ${name}: set DATABASE_URL or ${envName(name)}_DATABASE_URL`);
  return url;
}

/** `REGISTRY_URL` etc. override where a subgraph's GraphQL endpoint is reached. */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, string> {
  const urls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPHS) {
    urls[name] = env[`${envName(name)}_URL`] ?? `http://localhost:${SUBGRAPH_DEFAULT_PORTS[name]}/graphql`;
  }
  return urls;
}

export function subgraphPortFromEnv(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): number {
  const port = env[`${envName(name)}_PORT`];
  return port ? Number(port) : SUBGRAPH_DEFAULT_PORTS[name];
}

/** `TOKEN_MAX_LIFETIME_SECONDS`: a token valid for longer than this (from now) is refused; 12 h when unset. */
export function tokenMaxLifetimeFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const seconds = numberFromEnv('TOKEN_MAX_LIFETIME_SECONDS', env);
  if (seconds !== undefined && (!Number.isInteger(seconds) || seconds === 0))
    throw new Error(`TOKEN_MAX_LIFETIME_SECONDS must be a positive whole number of seconds, got ${seconds}`);
  return seconds;
}

/** A setting given in the environment as a non-negative number (a count, milliseconds); absent or empty when not set. */
export function numberFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not ${value}`);
  return n;
}
