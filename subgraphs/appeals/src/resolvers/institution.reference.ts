import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { Appeal } from '../entities/appeal';
import type { Context } from './context';

@Directive('@key(fields: "code")')
@ObjectType({ description: '定点医药机构 — an institution, owned by agreements; appeals adds its appeals and disputes' })
export class Institution {
  @Field(() => ID, { description: '定点医药机构代码 — institution code' })
  code!: string;
}

/** `_entities` for Institution: agreements owns it; appeals adds fields from the key alone. */
export const institutionReference = {
  __resolveReference: (reference: { code: string }): Institution => ({ code: reference.code }),
};

@Resolver(() => Institution)
export class InstitutionAppealsResolver {
  @FieldResolver(() => [Appeal], { description: "申诉与协议争议 — appeals of the institution's staff and its agreement disputes, oldest first" })
  appeals(@Root() institution: Institution, @Ctx() context: Context): Promise<Appeal[]> {
    return context.loaders.appealsByInstitution.load(institution.code);
  }
}
