import { slaPolicySchema } from './sla-policy';
import { dueAlerts, mostUrgent, slaStatus } from './sla-status';

const H = 3_600_000;
const policy = slaPolicySchema.parse({
  default: { firstResponseHours: 4, resolutionHours: 72 },
  categories: { Billing: { firstResponseHours: 1 } },
  businessHours: { timeZone: 'Europe/London', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
});
const friday4pm = new Date('2026-03-06T16:00:00Z');
const open = {
  id: 7,
  category: 'Bug Report',
  status: 'Open' as const,
  assigneeId: null,
  createdAt: friday4pm,
  firstResponseMs: null,
  resolutionMs: null,
};

describe('SLA clocks in business hours', () => {
  it('counts only working time for the sla command', () => {
    const [fr] = slaStatus(open, policy, new Date('2026-03-09T11:00:00Z')); // Monday 11:00: 1 h + 2 h
    expect(fr).toMatchObject({
      clock: 'firstResponse',
      elapsedMs: 3 * H,
      level: 'ok',
      running: true,
      dueAt: new Date('2026-03-09T12:00:00Z'),
    });
    const monday = slaStatus(open, policy, new Date('2026-03-09T12:00:00Z'));
    expect(mostUrgent(monday)).toMatchObject({ clock: 'firstResponse', level: 'breach' });
  });

  it('stops the first-response clock at the claim, in working time', () => {
    const claimed = { ...open, status: 'In Progress' as const, firstResponseMs: 65 * H + 30 * 60_000 }; // Monday 09:30
    const [fr, res] = slaStatus(claimed, policy, new Date('2026-03-18T12:00:00Z')); // 60 working hours in
    expect(fr).toMatchObject({ running: false, elapsedMs: 1.5 * H, level: 'ok' });
    expect(res).toMatchObject({
      running: true,
      level: 'warning',
      elapsedMs: 60 * H,
      dueAt: new Date('2026-03-19T16:00:00Z'),
    });
  });

  it('lists each level reached by a running clock with the moment it was reached, per-category targets included', () => {
    const billing = { ...open, id: 8, category: 'Billing' };
    const due = dueAlerts(policy, [open, billing], new Date('2026-03-09T09:30:00Z'));
    expect(due.map((d) => [d.queryId, d.clock, d.level, d.dueAt.toISOString()])).toEqual([
      [8, 'firstResponse', 'warning', '2026-03-06T16:48:00.000Z'],
      [8, 'firstResponse', 'breach', '2026-03-06T17:00:00.000Z'],
    ]);
    const recorded = [{ clock: 'firstResponse' as const, level: 'warning' as const }];
    expect(dueAlerts(policy, [{ ...billing, recorded }], new Date('2026-03-09T09:30:00Z')).map((d) => d.level)).toEqual(
      ['breach'],
    );
    expect(dueAlerts(policy, [{ ...billing, status: 'Closed' }], new Date('2026-04-09T09:30:00Z'))).toEqual([]);
  });
});
