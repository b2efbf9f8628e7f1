import { PERSONNEL_CATEGORY_ENUM } from '@pq/graphql';
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

registerEnumType(PersonnelCategory, PERSONNEL_CATEGORY_ENUM);

registerEnumType(Gender, {
  name: 'Gender',
  description: '性别 — gender',
  valuesConfig: { MALE: { description: '男 — male' }, FEMALE: { description: '女 — female' } },
});
