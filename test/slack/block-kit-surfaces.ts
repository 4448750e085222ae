import { textObject } from './block-kit-elements';
import { blocks } from './block-kit-blocks';
import { isObject, Issues, type Json } from './slack-refusal';

/** Surface limits: messages, modals, the App Home (docs.slack.dev view objects and chat.postMessage). */
export const SURFACE_LIMITS = {
  messageBlocks: 50,
  messageText: 40_000,
  modalBlocks: 100,
  homeBlocks: 100,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  uploadAltText: 1000,
} as const;

/** A message's blocks (chat.*, a response_url post); text length is judged apart (msg_too_long). */
export function messageIssues(m: Json, pointer = ''): Issues {
  const is = new Issues();
  blocks(is, m.blocks, `${pointer}/blocks`, SURFACE_LIMITS.messageBlocks);
  if (m.blocks === undefined && (typeof m.text !== 'string' || m.text.trim() === ''))
    is.add(`${pointer}/text`, 'no_text');
  return is;
}

/** A view object: a modal (title, submit when it has inputs) or the App Home. */
export function viewIssues(v: unknown): Issues {
  const is = new Issues();
  if (!isObject(v)) {
    is.add('/view', 'must be an object');
    return is;
  }
  if (v.type !== 'modal' && v.type !== 'home') is.add('/view/type', 'must be a valid enum value');
  is.text(v.private_metadata, '/view/private_metadata', SURFACE_LIMITS.privateMetadata);
  is.text(v.callback_id, '/view/callback_id', SURFACE_LIMITS.callbackId);
  if (v.type === 'home') {
    blocks(is, v.blocks, '/view/blocks', SURFACE_LIMITS.homeBlocks);
    return is;
  }
  textObject(is, v.title, '/view/title', SURFACE_LIMITS.viewTitle, { plainOnly: true, required: true });
  textObject(is, v.submit, '/view/submit', SURFACE_LIMITS.viewButton, { plainOnly: true });
  textObject(is, v.close, '/view/close', SURFACE_LIMITS.viewButton, { plainOnly: true });
  const { hasInput } = blocks(is, v.blocks, '/view/blocks', SURFACE_LIMITS.modalBlocks);
  if (hasInput && v.submit === undefined)
    is.add('/view/submit', 'must provide submit when the view has an input block');
  return is;
}
