import type { Conversation } from '../../core/conversation/conversation';
import type { Desk } from '../../core/conversation/desk';
import { text, type View } from '../../core/views/view-model';
import { LIMITS, type KnownBlock, type SlackClient } from './block-kit';
import type { ChartOutput } from './chart-images';
import { errorText, type DefectSink } from './error-text';
import { accountOf, type SlackUserRef } from './inbound';
import { escapeMrkdwn, plain } from './mrkdwn';
import { renderReply } from './render-reply';
import { contextLine } from './render-parts';

/** What each role's dashboard shows: the catalog commands whose answers make it up. */
const SECTIONS = {
  client: ['mine', 'stats'],
  agent: ['queue', 'working'],
  lead: ['team', 'sla', 'queue'],
} as const;

export interface AppHomeOptions {
  desk: Desk;
  client: SlackClient;
  charts: Pick<ChartOutput, 'imageUrl'>;
  onDefect: DefectSink;
}

/**
 * The App Home tab as a dashboard per role, built from the same commands the slash command runs (so it
 * shows exactly what the user may see), published with views.publish.
 */
export class AppHome {
  constructor(private readonly o: AppHomeOptions) {}

  async publish(user: SlackUserRef): Promise<void> {
    const conv = await this.o.desk.conversation(accountOf(user));
    const opts = { noUploads: true, paging: false, ...(this.o.charts.imageUrl ? { chartImageUrl: this.o.charts.imageUrl } : {}) };
    const who = conv.actor ? `Signed in as *${escapeMrkdwn(conv.actor.username)}* (${conv.actor.role}).` : 'Not signed in.';
    let blocks: KnownBlock[] = [{ type: 'header', text: plain('CQMS support desk', LIMITS.headerText) }, contextLine(`${who} Everything here is also under \`/cqms\`.`)];
    for (const views of await this.sectionsFor(conv)) blocks.push({ type: 'divider' }, ...renderReply({ visibility: 'ephemeral', views }, opts).blocks);
    if (blocks.length > LIMITS.homeBlocks) blocks = [...blocks.slice(0, LIMITS.homeBlocks - 1), contextLine('More in `/cqms help`.')];
    await this.o.client.views.publish({ user_id: user.userId, view: { type: 'home', blocks } });
  }

  private async sectionsFor(conv: Conversation): Promise<View[][]> {
    const role = conv.actor?.role;
    if (!role) return [[text('Welcome! Run `/cqms register` to create your account, or `/cqms login` if you have one.'), ...this.o.desk.help(conv).views]];
    const sections: View[][] = [];
    for (const name of SECTIONS[role]) {
      try {
        sections.push((await this.o.desk.run(conv, name)).views);
      } catch (e) {
        sections.push([text(`${name}: ${errorText(e, this.o.onDefect)}`, 'warning')]);
      }
    }
    return sections;
  }
}
