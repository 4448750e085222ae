import { RefusalLog } from './refusal-log';

describe('a refusal nobody expected fails the test', () => {
  it('lists unexpected refusals and unmet expectations once, then starts afresh', () => {
    const log = new RefusalLog();
    log.expect('expired_trigger_id', 'views.open');
    log.record({ method: 'views.open', error: 'expired_trigger_id', messages: [] });
    log.record({
      method: 'chat.update',
      error: 'invalid_blocks',
      messages: ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]'],
    });
    expect(log.drain()).toEqual([
      'chat.update refused with invalid_blocks: [ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    ]);
    expect(log.drain()).toEqual([]);
    log.expect('used_url');
    expect(log.drain()).toEqual(['expected a call to be refused with used_url, and it was not']);
    expect(log.all).toHaveLength(2);
  });
});
