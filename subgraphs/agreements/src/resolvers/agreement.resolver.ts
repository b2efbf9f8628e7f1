import { runMutation } from '@pq/data';
import { PERMISSIONS } from './permissions';
import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { MeasureRequest, takeAgreementMeasure } from '../commands/agreement-measures';
import { AgreementAction } from '../domain/agreement-machine';
import { AgreementMeasure } from '../entities/agreement-measure';
import { measuresById } from '../repositories/agreements';
import { actorOf, Context } from './context';
import { AgreementMeasureInput, AgreementMeasurePayload, RenewalInput } from './agreement.types';
import { institutionsAuditScope } from '../repositories/audit-scope';

async function measure(
  context: Context,
  operation: string,
  input: { institutionCode: string; regionCode?: string; idempotencyKey?: string | null; basisDocument?: string },
  request: MeasureRequest,
): Promise<AgreementMeasurePayload> {
  const ids = await runMutation(context, 'agreements', operation, input, (em) => takeAgreementMeasure(em, actorOf(context), request), {
    target: (taken) => `${input.institutionCode} (${taken.length} measure${taken.length > 1 ? 's' : ''})`,
    basisDocument: input.basisDocument,
    scope: (_taken, em) => institutionsAuditScope(em, [input.institutionCode]),
  });
  const institution = await context.loaders.institution.load(input.institutionCode);
  return { institution: institution!, measures: await measuresById(context.em, ids) };
}

const fromInput = (input: AgreementMeasureInput, action: AgreementAction): MeasureRequest => ({
  ...input,
  action,
  allStaff: input.applyToAllStaff,
});

@Resolver(() => AgreementMeasure)
export class AgreementMeasureResolver {
  @Authorized(PERMISSIONS.agreementMeasures)
  @Mutation(() => AgreementMeasurePayload, {
    description:
      "中止协议 — suspend an agreement or a department; the persons responsible are suspended there; a medical institution's agreements with other regions are suspended with its home one (G12, G14, R7)",
  })
  suspendAgreement(
    @Arg('input', { description: '输入 — the input of this operation' }) input: AgreementMeasureInput,
    @Ctx() context: Context,
  ): Promise<AgreementMeasurePayload> {
    return measure(context, 'suspendAgreement', input, fromInput(input, AgreementAction.SUSPEND));
  }

  @Authorized(PERMISSIONS.agreementMeasures)
  @Mutation(() => AgreementMeasurePayload, { description: '恢复协议 — resume a suspended agreement or department (G12)' })
  resumeAgreement(
    @Arg('input', { description: '输入 — the input of this operation' }) input: AgreementMeasureInput,
    @Ctx() context: Context,
  ): Promise<AgreementMeasurePayload> {
    return measure(context, 'resumeAgreement', input, fromInput(input, AgreementAction.RESUME));
  }

  @Authorized(PERMISSIONS.agreementMeasures)
  @Mutation(() => AgreementMeasurePayload, {
    description:
      "解除协议 — terminate an agreement for a listed trigger; a chain pharmacy's sisters end with it where the chain headquarters caused it, a medical institution's agreements with other regions end with its home one (G13, R7)",
  })
  terminateAgreement(
    @Arg('input', { description: '输入 — the input of this operation' }) input: AgreementMeasureInput,
    @Ctx() context: Context,
  ): Promise<AgreementMeasurePayload> {
    return measure(context, 'terminateAgreement', input, fromInput(input, AgreementAction.TERMINATE));
  }

  @Authorized(PERMISSIONS.renewAgreement)
  @Mutation(() => AgreementMeasurePayload, {
    description: '续签 — ask for renewal (from 3 months before expiry; validity extends meanwhile) or decide it (G9)',
  })
  renewAgreement(
    @Arg('input', { description: '输入 — the input of this operation' }) input: RenewalInput,
    @Ctx() context: Context,
  ): Promise<AgreementMeasurePayload> {
    const action = input.approve == null ? AgreementAction.REQUEST_RENEWAL : input.approve ? AgreementAction.RENEW : AgreementAction.DECLINE_RENEWAL;
    return measure(context, 'renewAgreement', input, {
      institutionCode: input.institutionCode,
      regionCode: input.regionCode,
      action,
      reason: input.reason ?? (action === AgreementAction.REQUEST_RENEWAL ? 'renewal requested' : 'renewal decided'),
    });
  }
}
