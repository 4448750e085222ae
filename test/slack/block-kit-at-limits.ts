/** Payloads at every Block Kit limit Slack documents, and the check that one step past a limit is refused. */
import { refusalOf } from './block-kit-limits';

export type Json = Record<string, unknown>;
export const s = (n: number, ch = 'a') => ch.repeat(n);
export const plain = (text: string) => ({ type: 'plain_text', text });
export const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
export const button = (i: number) => ({
  type: 'button',
  text: plain(s(75)),
  action_id: `${i}`.padEnd(255, 'x'),
  value: s(2000),
  url: `https://x/${s(2990)}`,
});
export const confirm = { title: plain(s(100)), text: mrkdwn(s(300)), confirm: plain(s(30)), deny: plain(s(30)) };
export const options = Array.from({ length: 100 }, (_, i) => ({
  text: plain(s(75)),
  value: `${i}`.padEnd(150, 'v'),
  description: plain(s(75)),
}));

/** Every block at its limits: Slack takes it, and so must the fake. */
export function maximalMessage(): Json & { blocks: Json[] } {
  const blocks: Json[] = [
    { type: 'header', block_id: s(255, 'h'), text: plain(s(150)) },
    { type: 'section', text: mrkdwn(s(3000)), fields: Array.from({ length: 10 }, () => mrkdwn(s(2000))) },
    { type: 'context', elements: Array.from({ length: 10 }, () => mrkdwn(s(3000))) },
    {
      type: 'actions',
      elements: Array.from({ length: 25 }, (_, i) => (i === 0 ? { ...button(i), confirm } : button(i))),
    },
    { type: 'image', image_url: `https://x/${s(2990)}`, alt_text: s(2000), title: plain(s(2000)) },
  ];
  while (blocks.length < 50) blocks.push({ type: 'divider' });
  return { channel: 'C1', text: s(40_000), blocks };
}

/** A modal with each kind of input the app uses, every one at its limits. */
export function maximalModal(): Json & { view: Json & { blocks: Json[] } } {
  const blocks: Json[] = [
    {
      type: 'input',
      block_id: 'd',
      label: plain(s(2000)),
      hint: plain(s(2000)),
      element: {
        type: 'plain_text_input',
        action_id: s(255),
        multiline: true,
        min_length: 3000,
        max_length: 3000,
        placeholder: plain(s(150)),
      },
    },
    {
      type: 'input',
      block_id: 'c',
      label: plain('c'),
      element: { type: 'static_select', action_id: 'v', placeholder: plain(s(150)), options },
    },
    { type: 'input', block_id: 'f', label: plain('f'), element: { type: 'file_input', action_id: 'v', max_files: 10 } },
  ];
  while (blocks.length < 100) blocks.push({ type: 'divider' });
  return {
    trigger_id: 't',
    view: {
      type: 'modal',
      callback_id: s(255),
      title: plain(s(24)),
      submit: plain(s(24)),
      close: plain(s(24)),
      private_metadata: s(3000),
      blocks,
    },
  };
}

/** An App Home of 100 blocks, its metadata full. */
export const home = () => ({
  user_id: 'U1',
  view: { type: 'home', private_metadata: s(3000), blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) },
});

/** A maximal message with one change: the payload of a case one step past a limit. */
export const message = (change: (m: Json & { blocks: Json[] }) => void) => () => {
  const m = maximalMessage();
  change(m);
  return m;
};

/** A maximal modal with one change to its view. */
export const modal = (change: (v: Json & { blocks: Json[] }) => void) => () => {
  const m = maximalModal();
  change(m.view);
  return m;
};

/** Block i, typed loosely enough for a case to reach into it. */
export const at = (m: { blocks: Json[] }, i: number) =>
  m.blocks[i] as Json & { elements: Json[]; fields: Json[]; element: Json };

/** One step past a limit: [rule, method, payload, error, pointer]. */
export type LimitCase = [string, string, () => Json, string, string];

/** Each case is refused with its error, and Slack's message points at the offending field. */
export function itRefusesEach(cases: LimitCase[]): void {
  it.each(cases.map(([rule, method, payload, error, pointer]) => [rule, method, error, pointer, payload] as const))(
    '%s: %s answers %s at %s',
    (_rule, method, error, pointer, payload) => {
      const refusal = refusalOf(method, payload());
      expect(refusal?.error).toBe(error);
      expect(refusal?.messages.some((m) => m.startsWith('[ERROR] ') && m.endsWith(`[json-pointer:${pointer}]`))).toBe(
        true,
      );
    },
  );
}
