import type { RequiredEntityData } from '@mikro-orm/core';
import { EntityManager, findRows } from '@pq/data';
import { IsoDate } from '@pq/time';
import { Notice } from '../entities/notice';

/** Notices of scoring (S8) and their delivery and appeal window (A1). */

export function findNotices(em: EntityManager, ids: string[]): Promise<Notice[]> {
  return findRows(em, Notice, { id: ids });
}

export function findNoticeByDocument(em: EntityManager, documentNumber: string): Promise<Notice | null> {
  return em.findOne(Notice, { documentNumber });
}

/** Notices whose deadlines may move with the calendar: not yet delivered, appeal window open, or delivered since `deliveredSince`. */
export function noticesWithOpenDeadlines(em: EntityManager, today: IsoDate, deliveredSince: IsoDate): Promise<Notice[]> {
  return em.find(Notice, { $or: [{ deliveredOn: null }, { appealBy: { $gte: today } }, { deliveredOn: { $gte: deliveredSince } }] });
}

export function addNotice(em: EntityManager, notice: RequiredEntityData<Notice>): Notice {
  return em.create(Notice, notice);
}
