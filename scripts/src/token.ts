import { parseArgs } from 'node:util';
import { callerFromClaims, CALLER_ROLES, DEFAULT_TOKEN_MAX_LIFETIME_SECONDS, Role, TOKEN_CLOCK_SKEW_SECONDS } from '@pq/caller';
import { jwtSecretFromEnv, signToken, tokenMaxLifetimeFromEnv } from '@pq/http';

/** `npm run token -- --role CITY_AGENCY --region 3708`: a development token signed with JWT_SECRET. */
const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'NATIONAL_AGENCY' },
    region: { type: 'string', default: '' },
    institution: { type: 'string' },
    person: { type: 'string' },
    sub: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});

if (!(CALLER_ROLES as readonly string[]).includes(values.role!)) {
  process.stderr.write(`--role must be one of ${CALLER_ROLES.join(' ')}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const token = await signToken(
    jwtSecretFromEnv(),
    {
      sub: values.sub ?? `dev-${values.role!.toLowerCase()}`,
      role: values.role as Role,
      region: values.region,
      institution: values.institution,
      person: values.person,
    },
    values.expires,
  );
  // The services' own check of the claims, so a token they would refuse is never printed.
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
  const maxLifetimeSeconds = tokenMaxLifetimeFromEnv() ?? DEFAULT_TOKEN_MAX_LIFETIME_SECONDS;
  try {
    callerFromClaims(claims, { now: Math.floor(Date.now() / 1000), maxLifetimeSeconds, clockSkewSeconds: TOKEN_CLOCK_SKEW_SECONDS });
  } catch (error) {
    process.stderr.write(`the services would refuse this token: ${(error as Error).message}\n`);
    process.exit(2);
  }
  process.stdout.write(`${token}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
