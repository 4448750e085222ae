/** A unit a duration is read in: its name (a chart's axis), its short form (a figure), per hour, and decimals. */
export interface DurationUnit {
  name: 'minutes' | 'hours' | 'days';
  short: string;
  perHour: number;
  digits: number;
}

const MINUTES: DurationUnit = { name: 'minutes', short: 'min', perHour: 60, digits: 0 };
const HOURS: DurationUnit = { name: 'hours', short: 'h', perHour: 1, digits: 1 };
const DAYS: DurationUnit = { name: 'days', short: 'days', perHour: 1 / 24, digits: 1 };

/** The unit that suits a duration: minutes under 2 hours, hours under 2 days, days beyond. */
export function unitFor(hours: number): DurationUnit {
  if (hours < 2) return MINUTES;
  if (hours < 48) return HOURS;
  return DAYS;
}

/** Hours in a unit, rounded to the unit's decimals (a chart's data point). */
export function inUnit(hours: number | null, unit: DurationUnit): number | null {
  if (hours === null) return null;
  const f = 10 ** unit.digits;
  return Math.round(hours * unit.perHour * f) / f;
}

/** A duration as read: "45 min", "5.3 h", "3.2 days"; `none` when there is none. */
export function durationText(hours: number | null, none = '-'): string {
  if (hours === null) return none;
  const unit = unitFor(hours);
  const n = inUnit(hours, unit)!;
  if (n === 0 && hours > 0) return `under 1 ${unit.short}`;
  return `${n.toFixed(unit.digits)} ${unit.short}`;
}

/** The unit for a series (a chart's axis): the one that suits its largest value. */
export function unitForSeries(hours: readonly (number | null)[]): DurationUnit {
  return unitFor(Math.max(0, ...hours.filter((h): h is number => h !== null)));
}
