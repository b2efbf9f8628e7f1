import { Lunar } from 'lunar-typescript';
import { addDays, dayOfWeek, IsoDate } from './dates';

/** A named run of days off. */
export interface Holiday {
  name: string;
  from: IsoDate;
  to: IsoDate;
}

const iso = (year: number, month: number, day: number): IsoDate => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const lunarToSolar = (year: number, month: number, day: number): IsoDate => Lunar.fromYmd(year, month, day).getSolar().toYmd();

const isWeekend = (date: IsoDate) => dayOfWeek(date) === 0 || dayOfWeek(date) === 6;

/**
 * The statutory holidays of a Gregorian year under 全国年节及纪念日放假办法 (2024 revision): art.2
 * New Year's Day 1 day, Spring Festival 4 days from New Year's Eve (除夕 to 正月初三), Qingming
 * 1 (the 清明 solar term), Labour Day 2, Dragon Boat 1 (五月初五), Mid-Autumn 1 (八月十五),
 * National Day 3; art.6: a holiday that falls on a Saturday or Sunday — or on another holiday — is
 * made up (补假) on the next working day. Lunar dates and the solar term in Beijing time, whatever
 * the server's zone. The State Council's bridging and make-up working days are not guessed.
 */
export function statutoryHolidays(year: number): Holiday[] {
  const springFestival = lunarToSolar(year, 1, 1);
  const qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明'].toYmd();
  const single = (name: string, date: IsoDate): Holiday => ({ name, from: date, to: date });
  const festivals = [
    single("元旦 New Year's Day", iso(year, 1, 1)),
    { name: '春节 Spring Festival', from: addDays(springFestival, -1), to: addDays(springFestival, 2) },
    single('清明 Tomb-sweeping Day', qingming),
    { name: '劳动节 Labour Day', from: iso(year, 5, 1), to: iso(year, 5, 2) },
    single('端午 Dragon Boat Festival', lunarToSolar(year, 5, 5)),
    single('中秋 Mid-autumn Festival', lunarToSolar(year, 8, 15)),
    { name: '国庆节 National Day', from: iso(year, 10, 1), to: iso(year, 10, 3) },
  ].sort((a, b) => (a.from < b.from ? -1 : 1));
  const off = new Set<IsoDate>();
  const holidays: Holiday[] = [];
  for (const festival of festivals) {
    let owed = 0;
    for (let date = festival.from; date <= festival.to; date = addDays(date, 1)) {
      if (isWeekend(date) || off.has(date)) owed++;
      off.add(date);
    }
    holidays.push(festival);
    for (let date = addDays(festival.to, 1); owed > 0; date = addDays(date, 1)) {
      if (isWeekend(date) || off.has(date)) continue;
      off.add(date);
      holidays.push(single(`${festival.name} 补假`, date));
      owed--;
    }
  }
  return holidays;
}
