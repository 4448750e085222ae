import { discordCommands } from './command-registration';

describe('the Discord command registration', () => {
  it('never offers a password option nor suggests typing one', () => {
    const [cqms] = discordCommands({ categories: ['Billing'] });
    const register = cqms!.options!.find((o) => o.name === 'register') as { description: string; options?: unknown[] };
    expect(register.options).toEqual([]);
    expect(register.description).toBe('Create your client account and sign in here');
    expect(JSON.stringify(cqms)).not.toMatch(/password/i);
  });
});
