import { registerEnumType } from 'type-graphql';
import { AppealStatus, AppealSubject } from '../domain/appeal';
import { AppealOutcome } from './appeal.types';

registerEnumType(AppealStatus, {
  name: 'AppealStatus',
  description: '申诉状态 — status of an appeal (002 art.41–44)',
  valuesConfig: {
    FILED: { description: '已受理 — received' },
    EXPLAINED: { description: '已解释 — the agency explained the decision' },
    ESCALATED: { description: '已提交行政部门 — the dispute went to the administration' },
    EXPERT_REVIEW: { description: '专家评审 — with a third party or an expert panel' },
    UPHELD: { description: '维持 — the decision stands, with reasons' },
    CHANGED: { description: '变更 — the decision was changed' },
    WITHDRAWN: { description: '撤回 — withdrawn' },
  },
});

registerEnumType(AppealSubject, {
  name: 'AppealSubject',
  description: '申诉对象 — what is appealed',
  valuesConfig: {
    SCORE: { description: '记分 — a score record and the status decision it led to' },
    AGREEMENT: { description: '协议 — an agreement decision (003 art.35)' },
  },
});

registerEnumType(AppealOutcome, {
  name: 'AppealOutcome',
  description: '申诉决定 — outcome of an appeal (A4)',
  valuesConfig: {
    UPHELD: { description: '维持 — the decision stands, with reasons' },
    CHANGED: { description: '变更 — the decision changes' },
  },
});
