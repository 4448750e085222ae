import type { CommandName } from '../../core/commands/catalog';
import type { Conversation } from '../../core/conversation/conversation';
import type { Desk } from '../../core/conversation/desk';
import { encodeAction } from '../../core/views/action-id';
import type { Role } from '../../core/domain/roles';
import { text, type ButtonView, type View } from '../../core/views/view-model';
import { HOME_ROW_ACTIONS, homeRows } from './home-rows';
import { LIMITS, type KnownBlock, type SlackClient } from './block-kit';
import type { ChartOutput } from './chart-images';
import type { DefectSink } from '../../core/errors';
import { errorText } from './error-text';
import { accountOf, type SlackUserRef } from './inbound';
import { escapeMrkdwn, plain } from './mrkdwn';
import { renderReply } from './render-reply';
import { actionBlocks, contextLine } from './render-parts';

/** What each role's dashboard shows: the catalog commands whose answers make it up. */
const SECTIONS = {
  client: ['mine', 'stats'],
  agent: ['queue', 'working'],
  lead: ['team', 'sla', 'queue'],
} as const satisfies Record<Role, readonly CommandName[]>;

/** The buttons at the top of each role's App Home: the forms it starts from. */
const HOME_ACTIONS: Record<Role | 'guest', ButtonView[]> = {
  guest: [
    { label: 'Create your account', actionId: encodeAction({ kind: 'form', form: 'register' }), style: 'primary' },
    { label: 'Sign in', actionId: encodeAction({ kind: 'form', form: 'login' }) },
  ],
  client: [{ label: 'Raise a query', actionId: encodeAction({ kind: 'form', form: 'new' }), style: 'primary' }],
  agent: [],
  lead: [],
};

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
  constructor(private readonly deps: AppHomeOptions) {}

  async publish(user: SlackUserRef): Promise<void> {
    const conv = await this.deps.desk.conversation(accountOf(user));
    const opts = {
      noUploads: true,
      paging: false,
      ...(this.deps.charts.imageUrl ? { chartImageUrl: this.deps.charts.imageUrl } : {}),
    };
    const who = conv.actor
      ? `Signed in as *${escapeMrkdwn(conv.actor.username)}* (${conv.actor.role}).`
      : 'Not signed in.';
    let blocks: KnownBlock[] = [
      { type: 'header', text: plain('CQMS support desk', LIMITS.headerText) },
      contextLine(`${who} Everything here is also under \`/cqms\`.`),
    ];
    const actions = HOME_ACTIONS[conv.actor?.role ?? 'guest'];
    if (actions.length) blocks.push(...actionBlocks(actions));
    for (const { command, views } of await this.sectionsFor(conv)) {
      blocks.push({ type: 'divider' });
      for (const view of views) {
        const rowAction = command ? HOME_ROW_ACTIONS[command] : undefined;
        blocks.push(
          ...(view.kind === 'list' && rowAction
            ? homeRows(view, rowAction, command!)
            : renderReply({ visibility: 'ephemeral', views: [view] }, opts).blocks),
        );
      }
    }
    if (blocks.length > LIMITS.homeBlocks)
      blocks = [...blocks.slice(0, LIMITS.homeBlocks - 1), contextLine('More in `/cqms help`.')];
    await this.deps.client.views.publish({ user_id: user.userId, view: { type: 'home', blocks } });
  }

  /** Each section's views, with the command that drew them (none for the guest's welcome). */
  private async sectionsFor(conv: Conversation): Promise<{ command: CommandName | null; views: View[] }[]> {
    const role = conv.actor?.role;
    if (!role)
      return [
        {
          command: null,
          views: [
            text('Welcome! Create your account, or sign in if you have one (also `/cqms register` and `/cqms login`).'),
            ...this.deps.desk.help(conv).views,
          ],
        },
      ];
    const sections: { command: CommandName; views: View[] }[] = [];
    for (const name of SECTIONS[role]) {
      try {
        sections.push({ command: name, views: (await this.deps.desk.run(conv, name)).views });
      } catch (e) {
        sections.push({ command: name, views: [text(`${name}: ${errorText(e, this.deps.onDefect)}`, 'warning')] });
      }
    }
    return sections;
  }
}
