import type { Command } from 'commander';
import { slackManifest, toYaml } from '../../adapters/slack/manifest';
import type { CliContext } from './cli-context';
import { UsageError } from './error-sink';

export function registerSlackCommands(program: Command, ctx: CliContext): void {
  const slack = program.command('slack').description('Slack app setup');
  slack
    .command('manifest')
    .description(
      'print the Slack app manifest, generated from the command catalog (paste it at api.slack.com/apps > Create New App > From a manifest)',
    )
    .option('--socket-mode', 'Socket Mode: no public URL (run the bot with SLACK_APP_TOKEN)')
    .option('--url <https://host>', 'HTTP mode: the public base URL; Slack sends requests to <url>/slack/events')
    .option('--yaml', 'YAML instead of JSON')
    .option('--name <name>', 'the app and bot user name', 'CQMS')
    .action((o: { socketMode?: boolean; url?: string; yaml?: boolean; name: string }) => {
      if (!o.socketMode && !o.url)
        throw new UsageError('give the public URL for HTTP mode (--url https://your-host) or choose --socket-mode');
      if (o.url && !/^https:\/\/[^\s/]+/.test(o.url))
        throw new UsageError(`--url must be an https:// address (Slack only calls https), not "${o.url}"`);
      const manifest = slackManifest({
        socketMode: Boolean(o.socketMode),
        ...(o.url && !o.socketMode ? { url: o.url } : {}),
        name: o.name,
      });
      ctx.out(o.yaml ? toYaml(manifest).trimStart() : JSON.stringify(manifest, null, 2));
    });
}
