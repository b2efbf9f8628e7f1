import type { EventHandlers } from '@pq/events';
import type { RegistryReads } from '../consumed';
import { applyAgreementMeasure } from '../../commands/record-causes';

export const AgreementMeasureApplied: EventHandlers<RegistryReads>['AgreementMeasureApplied'] = (measure, { em, clock, event }) =>
  applyAgreementMeasure(em, measure, clock.today(), event.id);
