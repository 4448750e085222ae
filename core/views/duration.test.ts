import { durationText, inUnit, unitForSeries } from './duration';

describe('durations read in the unit that suits them', () => {
  it('minutes under 2 hours, hours under 2 days, days beyond', () => {
    expect(durationText(0.02)).toBe('1 min');
    expect(durationText(0.75)).toBe('45 min');
    expect(durationText(1.99)).toBe('119 min');
    expect(durationText(2)).toBe('2.0 h');
    expect(durationText(5.26)).toBe('5.3 h');
    expect(durationText(47.9)).toBe('47.9 h');
    expect(durationText(48)).toBe('2.0 days');
    expect(durationText(77)).toBe('3.2 days');
  });

  it('never reads "0.0 h": a few seconds are under a minute, none is a dash', () => {
    expect(durationText(0.001)).toBe('under 1 min');
    expect(durationText(0)).toBe('0 min');
    expect(durationText(null)).toBe('-');
    expect(durationText(null, 'n/a')).toBe('n/a');
  });

  it("a series takes its largest value's unit, its points in that unit", () => {
    const unit = unitForSeries([0.5, null, 1.5]);
    expect(unit.name).toBe('minutes');
    expect(inUnit(0.5, unit)).toBe(30);
    const days = unitForSeries([3, 100]);
    expect(days.name).toBe('days');
    expect(inUnit(3, days)).toBe(0.1);
    expect(unitForSeries([]).name).toBe('minutes');
  });
});
