import type { DbBool } from './tables';

export const toDate = (ms: number): Date => new Date(ms);
export const toDateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
export const toBool = (v: DbBool): boolean => v === true || v === 1;
export const msOrNull = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);
