import type { EventHandlers } from '@pq/kit';
import { applyAgreementMeasure } from '../../commands/record-causes';

export const AgreementMeasureApplied: EventHandlers['AgreementMeasureApplied'] = (measure, { em, clock }) => applyAgreementMeasure(em, measure, clock.today());
