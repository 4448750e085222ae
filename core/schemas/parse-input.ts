import type { z } from 'zod';
import { ValidationFailed } from '../errors';

/** Parses untrusted input; every problem becomes a field-named issue, never a thrown ZodError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationFailed(
    result.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.map(String).join('.') : 'input',
      message: issue.message,
    })),
  );
}
