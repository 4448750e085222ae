/**
 * A Slack message's `text` as the person meant it: Slack sends it with `&`, `<`, `>` escaped and with mentions,
 * channels and links in angle brackets (`<@U123>`, `<#C123|general>`, `<https://x|label>`, `<!here>`). Core keeps
 * plain text, and every place escapes it again when it shows it, so a copy never pings or links anything the
 * writer did not see as text.
 */
export function plainTextOf(slackText: string): string {
  return slackText
    .replace(/<([^<>]*)>/g, (_all, inner: string) => {
      const [target = '', label] = splitLabel(inner);
      if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) {
        const name = label ?? target.slice(1).replace(/^subteam\^/, '');
        return name.startsWith('@') ? name : `@${name}`;
      }
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function splitLabel(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}
