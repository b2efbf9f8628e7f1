import { parseArgs } from 'node:util';
import { CALLER_ROLES, Role } from '@pq/caller';
import { jwtSecretFromEnv, signToken } from '@pq/http';

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

signToken(
  jwtSecretFromEnv(),
  { sub: values.sub ?? `dev-${values.role!.toLowerCase()}`, role: values.role as Role, region: values.region, institution: values.institution, person: values.person },
  values.expires,
).then(
  (token) => process.stdout.write(`${token}\n`),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
