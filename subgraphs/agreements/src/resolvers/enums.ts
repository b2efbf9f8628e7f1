import { registerEnumType } from 'type-graphql';
import { AgreementStatus, InstitutionKind } from '../domain/institution';

registerEnumType(InstitutionKind, {
  name: 'InstitutionKind',
  description: '机构类别 — kind of designated institution',
  valuesConfig: {
    MEDICAL: { description: '定点医疗机构 — designated medical institution' },
    PHARMACY: { description: '定点零售药店 — designated retail pharmacy' },
  },
});

registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: '协议状态 — status of a service agreement',
  valuesConfig: {
    ACTIVE: { description: '有效 — in force' },
    SUSPENDED: { description: '中止 — suspended (003 art.29)' },
    TERMINATED: { description: '解除 — terminated (003 art.30)' },
    EXPIRED: { description: '到期 — validity ended' },
  },
});
