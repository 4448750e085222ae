import { helpView } from './help';
import { commandHint, SURFACES, surfaceOf } from './surface';
import { withArticle } from '../views/words';

const commands = (surface: keyof typeof SURFACES, role: Parameters<typeof helpView>[0]) =>
  helpView(role, SURFACES[surface]).rows.map((r) => r.cells.command ?? '');
const row = (surface: keyof typeof SURFACES, role: Parameters<typeof helpView>[0], name: string) =>
  helpView(role, SURFACES[surface]).rows.find(
    (r) => (r.cells.command ?? '').replace('/cqms ', '').split(' ')[0] === name,
  )?.cells;

describe('help per surface', () => {
  it.each(['slack', 'discord'] as const)(
    'on %s lists /cqms commands; register and login open a form, no option is typed',
    (s) => {
      expect(commands(s, null)).toEqual(['/cqms help', '/cqms register', '/cqms login', '/cqms whoami']);
      expect(row(s, null, 'register')?.what).toBe('Create your client account and sign in here (opens a form)');
      expect(JSON.stringify(helpView(null, SURFACES[s]))).not.toMatch(/password/i);
      expect(commands(s, 'client')).toContain('/cqms new');
      // Every summary and its form note fit a Discord list cell (60 characters).
      for (const role of [null, 'client', 'agent', 'lead'] as const)
        for (const r of helpView(role, SURFACES[s]).rows) expect((r.cells.what ?? '').length).toBeLessThanOrEqual(60);
    },
  );

  it('on Slack types options as text, positional ones bare', () => {
    expect(commands('slack', 'agent')).toContain('/cqms close <id>');
    expect(commands('slack', 'agent')).toContain('/cqms claim <id>');
    expect(commands('slack', 'client')).toContain('/cqms rate <id> <rating> [comment=...]');
  });

  it("on Discord names options as Discord's command picker does", () => {
    expect(commands('discord', 'agent')).toContain('/cqms close id:…');
    expect(commands('discord', 'agent')).toContain('/cqms claim id:…');
    expect(commands('discord', 'client')).toContain('/cqms rate id:… rating:… [comment:…]');
  });

  it('in the shell keeps its bare syntax, forms asked field by field', () => {
    expect(commands('shell', null)).toEqual(['help', 'register', 'login', 'whoami']);
    expect(row('shell', null, 'login')?.what).toMatch(/\(asks field by field\)$/);
    expect(commands('shell', 'client')).toContain('new');
    expect(commands('shell', 'lead')).toContain('team [category=...] [from=...] [to=...] [agent=...] [bucket=...]');
  });

  it('titles the table with the right article', () => {
    expect(helpView('agent', SURFACES.slack).title).toBe('Commands for an agent');
    expect(helpView('client', SURFACES.shell).title).toBe('Commands for a client');
    expect(helpView('lead', SURFACES.discord).title).toBe('Commands for a lead');
  });
});

describe('surface words', () => {
  it('writes a command as typed on each surface', () => {
    expect(commandHint(SURFACES.slack, 'new')).toBe('`/cqms new`');
    expect(commandHint(SURFACES.discord, 'queue')).toBe('`/cqms queue`');
    expect(commandHint(SURFACES.shell, 'new')).toBe('`new`');
  });

  it('names platforms as they write themselves, and says where updates go', () => {
    expect(surfaceOf('slack').name).toBe('Slack');
    expect(surfaceOf('discord').name).toBe('Discord');
    expect(surfaceOf('slack').updatesFor('zoe')).toBe('in your DM with this app');
    expect(surfaceOf('discord').updatesFor('zoe')).toBe('in your DMs with this bot');
    expect(surfaceOf('shell').updatesFor('zoe')).toBe('as [to zoe] lines in this shell');
  });

  it('puts an before a vowel', () => {
    expect(['agent', 'client', 'lead', 'admin'].map(withArticle)).toEqual([
      'an agent',
      'a client',
      'a lead',
      'an admin',
    ]);
  });
});
