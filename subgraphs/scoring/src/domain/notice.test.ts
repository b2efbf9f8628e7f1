import { appealWindowsRecountedFrom } from './notice';

describe('appeal windows counted again after a calendar change (A1)', () => {
  test.each([
    ['a window closed yesterday by a provisional Spring Festival is counted again', '2027-01-29', '2027-02-19', true],
    ['a window delivered 60 days ago is counted again', '2026-12-21', '2027-02-19', true],
    ['one delivered earlier closed on any calendar', '2026-12-20', '2027-02-19', false],
  ])('A1: %s', (_rule, deliveredOn, today, recounted) => {
    expect(deliveredOn >= appealWindowsRecountedFrom(today)).toBe(recounted);
  });
});
