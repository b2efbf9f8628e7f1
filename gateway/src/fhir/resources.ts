import type {
  Bundle,
  BundleEntry,
  BundleLink,
  CapabilityStatement,
  CodeableConcept,
  Extension,
  Identifier,
  OperationOutcome,
  Organization,
  Practitioner,
  PractitionerRole,
  Resource,
} from '@medplum/fhirtypes';

/**
 * The FHIR R4 view's resources (docs/partners.md, FHIR R4 view): pure functions from the GraphQL
 * answers of operations.ts to resources, so the view says exactly what the API says.
 */

/** Where this system's extensions, code systems and identifier systems are defined. */
export const FHIR_BASE = 'https://pq.example.cn/fhir';
export const EXTENSION = {
  /** 医保支付资格 — the payment-qualification status (and, where known, the year's points). */
  paymentQualification: `${FHIR_BASE}/StructureDefinition/payment-qualification`,
  /** 服务协议 — an institution's current agreement. */
  agreement: `${FHIR_BASE}/StructureDefinition/service-agreement`,
  /** 医保区划 — an institution's insurance region code. */
  regionCode: `${FHIR_BASE}/StructureDefinition/region-code`,
} as const;
export const SYSTEM = {
  personnelCode: `${FHIR_BASE}/sid/personnel-code`,
  institutionCode: `${FHIR_BASE}/sid/institution-code`,
  /** 居民身份证号码 — masked unless the caller may read personal data. */
  residentIdNumber: `${FHIR_BASE}/sid/resident-id-number`,
  personnelCategory: `${FHIR_BASE}/CodeSystem/personnel-category`,
  registrationStatus: `${FHIR_BASE}/CodeSystem/registration-status`,
  institutionKind: `${FHIR_BASE}/CodeSystem/institution-kind`,
  agreementStatus: `${FHIR_BASE}/CodeSystem/agreement-status`,
} as const;

const DISPLAY: Record<string, Record<string, string>> = {
  [SYSTEM.personnelCategory]: {
    DOCTOR: '医保医师',
    NURSE: '医保护士',
    PHARMACIST: '医保药师',
    TECHNICIAN: '医保技师',
    CAREGIVER: '医保照护员',
    SETTLEMENT_REVIEWER: '医疗费用审核与医保结算人员',
    PHARMACY_PRINCIPAL: '定点零售药店主要负责人',
  },
  [SYSTEM.registrationStatus]: { NORMAL: '正常', SUSPENDED: '暂停', TERMINATED: '终止', CANCELLED: '取消登记备案' },
  [SYSTEM.institutionKind]: { MEDICAL: '定点医疗机构', PHARMACY: '定点零售药店' },
  [SYSTEM.agreementStatus]: { ACTIVE: '有效', SUSPENDED: '中止', TERMINATED: '解除', EXPIRED: '到期' },
};

const concept = (system: string, code: string): CodeableConcept => ({ coding: [{ system, code, display: DISPLAY[system]?.[code] }] });

/** The GraphQL shapes the view reads (operations.ts selects exactly these). */
export interface PersonData {
  code: string;
  name: string;
  gender?: 'MALE' | 'FEMALE' | null;
  /** Only for callers who may read personal data (its identifier is masked for the others, and so is its birth date). */
  birthDate?: string;
  category: string;
  status: string;
  points?: number;
  idNumberMasked: string;
  /** Present only when the caller may read the full number (an audited read). */
  idNumber?: string;
}

export interface RegistrationData {
  id: string;
  status: string;
  registeredOn: string;
  cancelledOn?: string | null;
  commitmentSigned: boolean;
  updatedAt: string;
  person: { code: string; name: string; category: string; points?: number };
  institution: { code: string };
}

export interface InstitutionData {
  code: string;
  name: string;
  kind: string;
  regionCode: string;
  agreement?: { id: string; status: string; validFrom: string; validUntil: string } | null;
}

export interface StatusChangeData {
  status: string;
  statusAfterReview: string;
  annulled: boolean;
  from: string;
  until?: string | null;
  cause: string;
  basisDocument?: string | null;
  registrationId: string;
}

/** The payment-qualification extension: the status, and the points of the year when given. */
export function paymentQualification(status: string, more: { points?: number; change?: StatusChangeData } = {}): Extension {
  const { points, change } = more;
  const parts: Extension[] = [{ url: 'status', valueCode: status }];
  if (points !== undefined) parts.push({ url: 'points', valueInteger: points });
  if (change) {
    parts.push({ url: 'statusAfterReview', valueCode: change.statusAfterReview }, { url: 'annulled', valueBoolean: change.annulled });
    parts.push({ url: 'period', valuePeriod: period(change.from, change.until) }, { url: 'cause', valueString: change.cause });
    if (change.basisDocument) parts.push({ url: 'basisDocument', valueString: change.basisDocument });
  }
  return { url: EXTENSION.paymentQualification, extension: parts };
}

/** A Date of the API as a FHIR period: both ends are days, the end included. */
const period = (start: string, end?: string | null) => (end ? { start, end } : { start });

/** Practitioner-level and registration-level `active`: services paid by the fund (正常). */
const isActive = (status: string) => status === 'NORMAL';

export function practitioner(person: PersonData): Practitioner {
  const identifier: Identifier[] = [
    { use: 'official', system: SYSTEM.personnelCode, value: person.code },
    { use: 'secondary', system: SYSTEM.residentIdNumber, value: person.idNumber ?? person.idNumberMasked },
  ];
  return {
    resourceType: 'Practitioner',
    id: person.code,
    extension: [paymentQualification(person.status, { points: person.points })],
    identifier,
    active: isActive(person.status),
    name: [{ text: person.name }],
    ...(person.gender ? { gender: person.gender === 'MALE' ? 'male' : 'female' } : {}),
    ...(person.birthDate ? { birthDate: person.birthDate } : {}),
  };
}

export function practitionerRole(registration: RegistrationData): PractitionerRole {
  return {
    resourceType: 'PractitionerRole',
    id: registration.id,
    meta: { lastUpdated: registration.updatedAt },
    extension: [paymentQualification(registration.status, { points: registration.person.points })],
    active: isActive(registration.status),
    period: period(registration.registeredOn, registration.cancelledOn),
    practitioner: { reference: `Practitioner/${registration.person.code}`, display: registration.person.name },
    // No display: the institution's name is the agreements subgraph's, which refuses a partner of another region an institution its staff works at.
    organization: { reference: `Organization/${registration.institution.code}` },
    code: [concept(SYSTEM.personnelCategory, registration.person.category)],
  };
}

export function organization(institution: InstitutionData): Organization {
  const { agreement } = institution;
  const extension: Extension[] = [{ url: EXTENSION.regionCode, valueCode: institution.regionCode }];
  if (agreement)
    extension.push({
      url: EXTENSION.agreement,
      extension: [
        { url: 'identifier', valueString: agreement.id },
        { url: 'status', valueCode: agreement.status },
        { url: 'validity', valuePeriod: period(agreement.validFrom, agreement.validUntil) },
      ],
    });
  return {
    resourceType: 'Organization',
    id: institution.code,
    extension,
    identifier: [{ use: 'official', system: SYSTEM.institutionCode, value: institution.code }],
    // Designated (定点) while its agreement is in force.
    active: agreement?.status === 'ACTIVE',
    type: [concept(SYSTEM.institutionKind, institution.kind)],
    name: institution.name,
  };
}

/**
 * A registration's versions, newest first: one per stretch of its status history (一医一档), each
 * the PractitionerRole as it stood from the stretch's first day, with the stretch's cause, basis
 * document and review outcome in its payment-qualification extension.
 */
export function practitionerRoleVersions(registration: RegistrationData, history: StatusChangeData[]): PractitionerRole[] {
  const current = practitionerRole(registration);
  const stretches = history.filter((change) => change.registrationId === registration.id);
  return stretches
    .map((change, i): PractitionerRole => ({
      ...current,
      meta: { versionId: String(i + 1), lastUpdated: `${change.from}T00:00:00+08:00` },
      extension: [paymentQualification(change.status, { change })],
      active: isActive(change.status),
      period: period(registration.registeredOn, change.status === 'CANCELLED' ? change.from : null),
    }))
    .reverse();
}

export function searchBundle(base: string, resources: Resource[], total: number, links: { self: string; next?: string }): Bundle {
  const link: BundleLink[] = [{ relation: 'self', url: links.self }];
  if (links.next) link.push({ relation: 'next', url: links.next });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link,
    entry: resources.map((resource) => ({ fullUrl: `${base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })),
  };
}

export function historyBundle(base: string, versions: Resource[], self: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'history',
    total: versions.length,
    link: [{ relation: 'self', url: self }],
    entry: versions.map((resource, i): BundleEntry => {
      const first = i === versions.length - 1;
      return {
        fullUrl: `${base}/${resource.resourceType}/${resource.id}`,
        resource,
        request: { method: first ? 'POST' : 'PUT', url: first ? resource.resourceType : `${resource.resourceType}/${resource.id}` },
        response: { status: first ? '201 Created' : '200 OK', lastModified: resource.meta?.lastUpdated },
      };
    }),
  };
}

/** An error as FHIR answers one; `code` is the API's `extensions.code`, kept as the issue's detail. */
export function operationOutcome(severity: 'error' | 'fatal', issueCode: string, message: string, code?: string): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity,
        code: issueCode as 'invalid',
        diagnostics: message,
        ...(code ? { details: { coding: [{ system: `${FHIR_BASE}/CodeSystem/error-code`, code }], text: code } } : {}),
      },
    ],
  };
}

/** A search parameter the view serves, as the CapabilityStatement declares it. */
export interface SearchParamDefinition {
  type: 'string' | 'token' | 'reference' | 'date' | 'number';
  documentation: string;
}

/** What the view serves: read and search for every resource, history of a registration. */
export function capabilityStatement(
  base: string,
  searchParams: Record<'Practitioner' | 'PractitionerRole' | 'Organization', Record<string, SearchParamDefinition>>,
): CapabilityStatement {
  const params = (type: 'Practitioner' | 'PractitionerRole' | 'Organization') =>
    Object.entries(searchParams[type]).map(([name, definition]) => ({ name, ...definition }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    // When this statement of what the view serves was last changed.
    date: '2026-11-29',
    publisher: '医保支付资格管理 — payment qualification management',
    kind: 'instance',
    implementation: { description: '医保支付资格 FHIR R4 只读视图 — read-only FHIR R4 view for health partners (IHE mCSD)', url: base },
    // R4 as the official JSON schema the view is validated against names it (4.0.1 is its technical correction).
    fhirVersion: '4.0.0',
    format: ['application/fhir+json'],
    rest: [
      {
        mode: 'server',
        security: { description: 'Authorization: Bearer <JWT>, the same tokens, roles and region scope as the GraphQL API' },
        resource: [
          { type: 'Practitioner', interaction: [{ code: 'read' }, { code: 'search-type' }], searchParam: params('Practitioner') },
          {
            type: 'PractitionerRole',
            interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'history-instance' }],
            searchParam: params('PractitionerRole'),
          },
          { type: 'Organization', interaction: [{ code: 'read' }, { code: 'search-type' }], searchParam: params('Organization') },
        ],
      },
    ],
  };
}
