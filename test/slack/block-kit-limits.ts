import { messageIssues, SURFACE_LIMITS, viewIssues } from './block-kit-surfaces';
import { isObject, Issues, type Json, type Refusal } from './slack-refusal';

export type { Refusal } from './slack-refusal';

const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
const VIEW_METHODS = new Set(['views.open', 'views.push', 'views.update', 'views.publish']);

const refused = (error: string, is: Issues): Refusal => ({ error, messages: is.messages() });

/**
 * What Slack answers a Web API call whose payload breaks Block Kit's limits, or null when it takes it:
 * `invalid_blocks` for a message's blocks, `msg_too_long` for its text, `invalid_arguments` for a view or an
 * upload, each with the JSON pointers in `response_metadata.messages`.
 */
export function refusalOf(method: string, body: Json): Refusal | null {
  if (MESSAGE_METHODS.has(method)) return messageRefusal(body, method === 'chat.postEphemeral');
  if (VIEW_METHODS.has(method)) {
    const is = viewIssues(body.view);
    if (method === 'views.publish' && isObject(body.view) && body.view.type !== 'home')
      is.add('/view/type', 'views.publish takes a home view');
    return is.list.length ? refused('invalid_arguments', is) : null;
  }
  if (method === 'files.getUploadURLExternal') {
    const is = new Issues();
    is.text(body.filename, '/filename', 255, { min: 1, required: true });
    if (!(Number(body.length) > 0)) is.add('/length', 'must be greater than 0');
    is.text(body.alt_text, '/alt_text', SURFACE_LIMITS.uploadAltText);
    return is.list.length ? refused('invalid_arguments', is) : null;
  }
  if (method === 'files.completeUploadExternal') {
    const is = new Issues();
    const files = is.items(body.files, '/files', 100, { min: 1, required: true });
    files.forEach((f, i) =>
      isObject(f)
        ? is.text(f.id, `/files/${i}/id`, 64, { min: 1, required: true })
        : is.add(`/files/${i}`, 'must be an object'),
    );
    is.text(body.initial_comment, '/initial_comment', SURFACE_LIMITS.messageText);
    if (body.blocks !== undefined) is.list.push(...messageIssues({ blocks: body.blocks }).list);
    return is.list.length ? refused('invalid_arguments', is) : null;
  }
  return null;
}

/** A post to a response_url: a message, ephemeral unless `response_type: in_channel`. */
export function responseRefusal(body: Json): Refusal | null {
  return messageRefusal(body, body.response_type !== 'in_channel');
}

function messageRefusal(body: Json, ephemeral: boolean): Refusal | null {
  const is = messageIssues(body);
  const noText = is.list.find((i) => i.message === 'no_text');
  if (noText) return { error: 'no_text', messages: [] };
  if (is.list.length) return refused('invalid_blocks', is);
  if (typeof body.text === 'string' && body.text.length > SURFACE_LIMITS.messageText) {
    const t = new Issues();
    t.text(body.text, '/text', SURFACE_LIMITS.messageText);
    return refused('msg_too_long', t);
  }
  if (ephemeral && (body.file_ids !== undefined || body.files !== undefined)) {
    const f = new Issues();
    f.add(body.file_ids !== undefined ? '/file_ids' : '/files', 'ephemeral messages cannot carry files');
    return refused('invalid_arguments', f);
  }
  return null;
}
