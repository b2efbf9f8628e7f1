import { Caller, canSee, outOfScope } from '@pq/caller';
import { DomainError } from '@pq/errors';
import { DateScalar } from '@pq/graphql';
import { PERMISSIONS } from './permissions';
import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { claimsAuditScope, claimVerdict, isClaimAmount, MAX_CLAIM_AMOUNT } from '../domain/eligibility';
import { ClaimLine, fetchClaimFacts } from '../repositories/claim-facts';
import { findPerson } from '../repositories/persons';
import type { Context } from './context';
import { ClaimAuditResult, ClaimInput, Eligibility, PublicPersonStatus } from './claims.types';

/** Settlement checks are for institutions in the caller's scope (an institution: its own); the code carries its region. */
export const institutionInScope = (caller: Caller, code: string): boolean =>
  canSee(caller, { regionCodes: [code.slice(1, 7)], institutionCodes: [code], personCodes: [] });

function assertInstitutionsInScope(context: Context, institutionCodes: string[]): void {
  const outside = [...new Set(institutionCodes)].find((code) => !institutionInScope(context.caller, code));
  if (outside) throw outOfScope('institution', outside);
}

/** The largest claim batch one call may carry (monthly audits send several batches). */
export const MAX_CLAIM_LINES = 20_000;

@Resolver()
export class ClaimsResolver {
  @Authorized(PERMISSIONS.paymentEligibility)
  @Query(() => Eligibility, { description: '医保支付资格判定 — is a service by this person at this institution on this date paid by the fund (E1)?' })
  async paymentEligibility(
    @Ctx() context: Context,
    @Arg('personCode', () => ID, { description: '医保相关人员代码 — the person' }) personCode: string,
    @Arg('institutionCode', () => ID, { description: '定点医药机构代码 — the institution' }) institutionCode: string,
    @Arg('on', () => DateScalar, { description: '日期 — the date (default: today)' }) on: string,
    @Arg('emergency', () => Boolean, { nullable: true, defaultValue: false, description: '急诊、抢救 — emergency or rescue' }) emergency: boolean | null,
  ): Promise<Eligibility> {
    assertInstitutionsInScope(context, [institutionCode]);
    const line: ClaimLine = {
      lineId: `${personCode}|${institutionCode}|${on}|${Boolean(emergency)}`,
      personCode,
      institutionCode,
      serviceDate: on,
      emergency: Boolean(emergency),
      amount: 0,
    };
    return claimVerdict(await context.loaders.claimFacts.load(line), on, Boolean(emergency));
  }

  @Authorized(PERMISSIONS.auditClaims)
  @Query(() => ClaimAuditResult, {
    description: '结算审核 — check claim lines against statuses on their service dates, set-based; returns the lines not payable',
  })
  async auditClaims(
    @Ctx() context: Context,
    @Arg('claims', () => [ClaimInput], { description: '结算明细 — the claim lines' }) claims: ClaimInput[],
  ): Promise<ClaimAuditResult> {
    if (claims.length > MAX_CLAIM_LINES) throw new DomainError('BATCH_TOO_LARGE', `at most ${MAX_CLAIM_LINES} claim lines per call; send the month in batches`);
    assertInstitutionsInScope(
      context,
      claims.map((c) => c.institutionCode),
    );
    const byLine = new Map(claims.map((c) => [c.lineId, c]));
    if (byLine.size !== claims.length) throw new DomainError('BAD_USER_INPUT', 'line ids must be unique within a call');
    claims.forEach((claim, i) => {
      if (!isClaimAmount(claim.amount))
        throw new DomainError('BAD_USER_INPUT', `amount ${claim.amount} is beyond ${MAX_CLAIM_AMOUNT} either way`, { field: `claims[${i}].amount` });
      claim.emergency = Boolean(claim.emergency);
    });
    const irregular = await fetchClaimFacts(context.em, claims as ClaimLine[], true);
    const rejected = irregular
      .map((facts) => {
        const claim = byLine.get(facts.lineId)!;
        return { claim, verdict: claimVerdict(facts, claim.serviceDate, Boolean(claim.emergency)) };
      })
      .filter(({ verdict }) => !verdict.payable);
    const rejectedAmount = rejected.reduce((sum, { claim }) => sum + claim.amount, 0);
    // Claims name persons: the audit is itself a read of their statuses, logged like a claims file (streams/claims-audit.ts).
    context.audit.record({
      operation: 'auditClaims',
      target: `claims: ${claims.length} lines, ${rejected.length} rejected`,
      scope: claimsAuditScope(new Set(claims.map((c) => c.institutionCode))),
    });
    return {
      checked: claims.length,
      rejectedCount: rejected.length,
      rejectedAmount: Math.round(rejectedAmount * 100) / 100,
      rejected: rejected.map(({ claim, verdict }) => ({ lineId: claim.lineId, reason: verdict.reason, status: verdict.status })),
    };
  }

  @Query(() => PublicPersonStatus, {
    nullable: true,
    description: '公开状态查询 — for appointment platforms: code, name, category and status only; no token needed (R10)',
  })
  async publicPersonStatus(
    @Ctx() context: Context,
    @Arg('code', () => ID, { description: '代码 — the code' }) code: string,
  ): Promise<PublicPersonStatus | null> {
    // Public by design (R10): read past row scope, and only these four fields.
    const person = await findPerson(context.em, code);
    return person && { code: person.code, name: person.name, category: person.category, status: person.status };
  }
}
