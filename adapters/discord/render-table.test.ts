import { agentsTable } from '../../test/support/agents-table';
import { LIMITS } from './discord-text';
import { listEmbed } from './render-list';

const table = agentsTable;

describe('a table on Discord', () => {
  it('is a field per row, its figures a line each under their labels, names escaped', () => {
    expect(listEmbed(table([{ agent: 'Ann *star*', handled: '12', avg: '45 min' }]))).toMatchObject({
      title: 'Agents',
      fields: [{ name: 'Ann \\*star\\*', value: 'Handled: **12**\nAvg resolution: **45 min**', inline: true }],
    });
  });

  it('stays within 25 fields and its share of the 6,000 characters, counting the rows left out', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      agent: `${'x'.repeat(60)}${i}`,
      handled: String(i),
      avg: '1.0 days',
    }));
    const e = listEmbed(table(many));
    expect(e.fields!.length).toBeLessThanOrEqual(LIMITS.fields);
    const chars = (e.title ?? '').length + e.fields!.reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(chars).toBeLessThanOrEqual(4100);
    const shown = e.fields!.length - 1;
    expect(e.fields!.at(-1)).toEqual({ name: '…', value: `and ${60 - shown} more on this page`, inline: false });
  });

  it('an empty table says so', () => {
    expect(listEmbed(table([]))).toMatchObject({ description: 'none' });
  });
});
