import type { EntityManager } from '@pq/data';
import type { IsoDate } from '@pq/time';
import { ChangeKind, NewChange } from '../domain/change-feed';
import type { RegistryReads } from '../events/consumed';
import type { RegistryEvents } from '../events/payloads';
import type { DeliveryHooks } from '@pq/events';
import { appendChanges, appendDeferredChanges, deferChanges } from '../repositories/change-feed';

/**
 * Registry's own changes are recorded by the command that makes them, under the id of the event it
 * publishes, ahead of the statuses they change (passed to rederivePersons as `recorded`).
 */

export function registeredChange(registered: RegistryEvents['PersonRegistered'] & { registeredOn: IsoDate }, eventId: string): NewChange {
  return {
    sourceEventId: eventId,
    kind: ChangeKind.REGISTERED,
    effectiveOn: registered.registeredOn,
    basisDocument: null,
    personCode: registered.personCode,
    institutionCode: registered.institutionCode,
    details: { registrationId: registered.registrationId, category: registered.category },
  };
}

export function registrationCancelledChange(cancelled: RegistryEvents['RegistrationCancelled'], eventId: string): NewChange {
  return {
    sourceEventId: eventId,
    kind: ChangeKind.REGISTRATION_CANCELLED,
    effectiveOn: cancelled.cancelledOn,
    basisDocument: null,
    personCode: cancelled.personCode,
    institutionCode: cancelled.institutionCode,
    details: { registrationId: cancelled.registrationId },
  };
}

/** A delivery of others' events records its change-feed entries at its end, after every lock its events took. */
export const changeFeedAtDeliveryEnd: DeliveryHooks = { begin: deferChanges, end: appendDeferredChanges };

/** Others' events that change no status registry derives, recorded in the change feed under their event's id. */

export function recordScore(em: EntityManager, score: RegistryReads['ScoreRecorded'], eventId: string): Promise<void> {
  return appendChanges(em, [
    {
      sourceEventId: eventId,
      kind: ChangeKind.SCORE_RECORDED,
      effectiveOn: score.decidedOn,
      basisDocument: score.documentNumber,
      personCode: score.personCode,
      institutionCode: score.institutionCode,
      details: { scoreRecordId: score.scoreRecordId, points: score.points },
    },
  ]);
}

/**
 * An appeal's end, whatever its outcome; the sanctions a changed score changes arrive from scoring as
 * their own events. A person's appeal is seen where the person is; an agreement dispute where its institution is.
 */
export function recordAppealDecided(em: EntityManager, appeal: RegistryReads['AppealDecided'], eventId: string, eventKey: string): Promise<void> {
  const personCode = appeal.personCode === undefined ? eventKey : appeal.personCode;
  return appendChanges(em, [
    {
      sourceEventId: eventId,
      kind: ChangeKind.APPEAL_DECIDED,
      effectiveOn: appeal.decidedOn,
      basisDocument: appeal.decisionDocument ?? null,
      personCode,
      institutionCode: personCode === null ? (appeal.institutionCode ?? null) : null,
      details: { appealId: appeal.appealId, scoreRecordId: appeal.scoreRecordId, points: appeal.newPoints, appealOutcome: appeal.outcome ?? 'CHANGED' },
    },
  ]);
}
