import type { ListView } from '../../core/views/view-model';
import { agentsTable } from '../../test/support/agents-table';
import { LIMITS } from './block-kit';
import { listBlocks } from './render-list';

const table = agentsTable;
const texts = (l: ListView) =>
  listBlocks(l).map((b) => ('text' in b && b.text && typeof b.text === 'object' ? b.text.text : ''));

describe('a table on Slack', () => {
  it('lines its columns up in a code block, measured before escaping', () => {
    const [, code] = texts(
      table([
        { agent: 'Ann & Co', handled: '12', avg: '45 min' },
        { agent: '<b>', handled: '3', avg: '5.3 h' },
      ]),
    );
    expect(code).toBe(
      [
        '```Agent     Handled  Avg resolution',
        '────────  ───────  ──────────────',
        'Ann &amp; Co  12       45 min',
        '&lt;b&gt;       3        5.3 h```',
      ].join('\n'),
    );
  });

  it('keeps a backtick from ending the block, and every section within 3,000 characters', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({
      agent: `${'`'.repeat(3)}${'x'.repeat(60)}${i}`,
      handled: String(i),
      avg: '1.0 days',
    }));
    const sections = texts(table(many)).slice(1);
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) {
      expect(s.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(s.match(/```/g)).toHaveLength(2);
      expect(s.startsWith('```Agent')).toBe(true);
    }
  });
});
