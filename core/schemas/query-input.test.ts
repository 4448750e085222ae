import { DEFAULT_CATEGORIES } from '../config/categories';
import { ValidationFailed } from '../errors';
import { parseInput } from './parse-input';
import { newQuerySchema, queryFilterSchema, reviewSchema } from './query-input';
import { loginSchema, registerSchema } from './auth-input';

const schema = newQuerySchema(DEFAULT_CATEGORIES);
const valid = {
  category: 'bug report',
  heading: 'Cannot save',
  description: 'The save button does nothing',
  mobile: '+91 98765-43210',
};

function issues(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationFailed) return e.issues;
    throw e;
  }
  throw new Error('expected ValidationFailed');
}

describe('new query validation', () => {
  it('normalizes category case and the mobile number', () => {
    const q = parseInput(schema, valid);
    expect(q.category).toBe('Bug Report');
    expect(q.mobile).toBe('9876543210');
  });

  it.each([
    [{ ...valid, heading: '' }, 'heading', 'heading is required'],
    [{ ...valid, heading: 'x'.repeat(121) }, 'heading', 'at most 120'],
    [{ ...valid, description: 'x'.repeat(4001) }, 'description', 'at most 4000'],
    [{ ...valid, category: 'Weather' }, 'category', 'not a category'],
    [{ ...valid, mobile: '12345' }, 'mobile', '10-digit Indian mobile'],
    [{ ...valid, mobile: '5876543210' }, 'mobile', 'starting with 6, 7, 8 or 9'],
    [{ heading: 'x', description: 'y' }, 'category', 'category is required'],
  ])('names the field: %#', (input, field, message) => {
    const found = issues(() => parseInput(schema, input));
    expect(found).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, message: expect.stringContaining(message) })]),
    );
  });

  it('checks ratings and registration fields', () => {
    expect(issues(() => parseInput(reviewSchema, { queryId: 1, rating: 6 }))[0]).toMatchObject({ field: 'rating' });
    expect(issues(() => parseInput(reviewSchema, { queryId: 'abc', rating: 3 }))[0]).toMatchObject({
      field: 'queryId',
    });
    const reg = issues(() =>
      parseInput(registerSchema, { username: 'a', email: 'not-an-email', mobile: '98765', password: 'short' }),
    );
    expect(reg.map((i) => i.field).sort()).toEqual(['email', 'mobile', 'password', 'username']);
  });

  it('refuses impossible and partial dates, naming the field', () => {
    expect(issues(() => parseInput(queryFilterSchema, { to: '2024-02-30' }))).toEqual([
      { field: 'to', message: '"2024-02-30" is not a date: February 2024 has 29 days' },
    ]);
    expect(issues(() => parseInput(queryFilterSchema, { from: '1' }))).toEqual([
      { field: 'from', message: '"1" is not a date (expected YYYY-MM-DD)' },
    ]);
  });

  // Found by the Discord fuzzer: zod's own wording ("Invalid input: expected string, received number") reached a user.
  it('says what is wrong in words when a field has the wrong type', () => {
    expect(issues(() => parseInput(reviewSchema, { queryId: 1, rating: 4, comment: 42 }))).toEqual([
      { field: 'comment', message: 'comment must be text' },
    ]);
    expect(
      issues(() =>
        parseInput(registerSchema, {
          username: 'zoe',
          email: 'z@x.io',
          mobile: '9876543210',
          password: 'long enough',
          displayName: 7,
        }),
      ),
    ).toEqual([{ field: 'displayName', message: 'display name must be text' }]);
    expect(issues(() => parseInput(queryFilterSchema, { from: 20260101 }))).toEqual([
      { field: 'from', message: 'a date must be written YYYY-MM-DD' },
    ]);
    expect(issues(() => parseInput(loginSchema, { login: 'x'.repeat(255), password: 'p' }))).toEqual([
      { field: 'login', message: 'login must be at most 254 characters' },
    ]);
  });
});
