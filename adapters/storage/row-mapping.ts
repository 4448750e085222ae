/** Values as the drivers return them: BIGINT may arrive as string, BOOLEAN as 0/1. */
export type DbRow = Record<string, unknown>;

export const toDate = (v: unknown): Date => new Date(Number(v));
export const toDateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(Number(v)));
export const toNumOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const toStrOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const toBool = (v: unknown): boolean => v === true || v === 1 || v === '1';
export const msOrNull = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);
