import { formOpenFailure } from './form-open-failure';

// Shapes of @slack/web-api's errors: a platform answer carries data.error, a transport failure its original error.
const platform = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: 'slack_webapi_platform_error',
    data: {
      ok: false,
      error,
      response_metadata: {
        messages: ['[ERROR] must be less than or equal to 3000 [json-pointer:/view/blocks/2/element/max_length]'],
      },
    },
  });
const request = (code: string, message: string) =>
  Object.assign(new Error(`A request error occurred: ${message}`), {
    code: 'slack_webapi_request_error',
    original: Object.assign(new Error(message), { code }),
  });

describe('why a Slack form did not open', () => {
  it.each([
    ['an expired trigger', 'late', platform('expired_trigger_id')],
    ['Slack too slow to answer', 'late', request('ECONNABORTED', 'timeout of 5000ms exceeded')],
    ['Slack rate limiting', 'late', Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited' })],
    ['Slack refusing the view', 'refused', platform('invalid_arguments')],
    ['a trigger already spent', 'refused', platform('exchanged_trigger_id')],
    ['no trigger at all', 'refused', new Error('no trigger_id')],
    ['Slack unreachable', 'unreachable', request('ECONNREFUSED', 'connect ECONNREFUSED')],
    [
      'Slack answering 503',
      'unreachable',
      Object.assign(new Error('HTTP 503'), { code: 'slack_webapi_http_error', statusCode: 503 }),
    ],
  ])('%s is %s', (_what, cause, error) => {
    const f = formOpenFailure(error, 'Raise a query', 'run `/cqms new` again');
    expect(f.cause).toBe(cause);
    expect(f.text).toContain(`(ref ${f.ref})`);
    expect(f.logLine).toContain(`ref ${f.ref}`);
    expect(f.text).not.toMatch(/in time/);
    expect(f.text.includes('run `/cqms new` again')).toBe(cause === 'late' || cause === 'unreachable');
  });

  it("logs Slack's pointers, so the log says what it refused", () => {
    expect(formOpenFailure(platform('invalid_arguments'), 'Close query', 'press the button again').logLine).toMatch(
      /invalid_arguments \[ERROR\] .*json-pointer:\/view\/blocks\/2\/element\/max_length/,
    );
  });
});
