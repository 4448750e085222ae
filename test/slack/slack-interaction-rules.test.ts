import { InteractionRules, TRIGGER_TTL_MS } from './slack-interaction-rules';

describe("the fake keeps Slack's interaction rules", () => {
  it('a trigger_id opens one view, within 3 s, and only one Slack sent', () => {
    const rules = new InteractionRules();
    const t = rules.issueTrigger();
    expect(rules.useTrigger(t)).toBeNull();
    expect(rules.useTrigger(t)?.error).toBe('exchanged_trigger_id');
    expect(rules.useTrigger(rules.issueTrigger(undefined, TRIGGER_TTL_MS + 1))?.error).toBe('expired_trigger_id');
    expect(rules.useTrigger('made-up')?.error).toBe('invalid_trigger_id');
  });

  it('a response_url takes five posts; an ephemeral message cannot be edited', () => {
    const rules = new InteractionRules();
    for (let i = 0; i < 5; i++) expect(rules.useResponseUrl('/response/1')).toBeNull();
    expect(rules.useResponseUrl('/response/1')?.error).toBe('used_url');
    rules.markEphemeral('1.2');
    expect(rules.update('1.2')?.error).toBe('message_not_found');
    expect(rules.update('1.3')).toBeNull();
  });
});
