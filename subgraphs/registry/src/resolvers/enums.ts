import { registerEnumType } from 'type-graphql';
import { Gender, PersonnelCategory, RegistrationStatus } from '../domain/personnel';

registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: '登记备案状态 — registration status (002 art.16)',
  valuesConfig: {
    NORMAL: { description: '正常 — normal: services are settled by the fund' },
    SUSPENDED: { description: '暂停 — suspended: not settled except emergency and rescue' },
    TERMINATED: { description: '终止 — terminated: not settled except emergency and rescue' },
    CANCELLED: { description: '取消登记备案 — cancelled: the person left the institution' },
  },
});

registerEnumType(PersonnelCategory, {
  name: 'PersonnelCategory',
  description: '人员类别 — category of registered personnel (002 art.11, 000 form 1)',
  valuesConfig: {
    DOCTOR: { description: '医保医师 — doctor' },
    NURSE: { description: '医保护士 — nurse' },
    PHARMACIST: { description: '医保药师 — pharmacist' },
    TECHNICIAN: { description: '医保技师 — medical technician' },
    CAREGIVER: { description: '医保照护员 — caregiver' },
    SETTLEMENT_REVIEWER: { description: '医疗费用审核与医保结算人员 — medical-cost and settlement reviewer' },
    PHARMACY_PRINCIPAL: { description: '定点零售药店主要负责人 — principal in charge of a retail pharmacy' },
  },
});

registerEnumType(Gender, {
  name: 'Gender',
  description: '性别 — gender',
  valuesConfig: { MALE: { description: '男 — male' }, FEMALE: { description: '女 — female' } },
});
