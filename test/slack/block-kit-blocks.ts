import { element, ELEMENT_LIMITS, textObject } from './block-kit-elements';
import { isObject, type Issues } from './slack-refusal';

/** Block limits (docs.slack.dev/reference/block-kit/blocks). */
export const BLOCK_LIMITS = {
  blockId: 255,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  label: 2000,
  hint: 2000,
  imageTitle: 2000,
} as const;

/** Ids one payload must not repeat. */
export interface SeenIds {
  blocks: Set<string>;
}

/** One block at `p` (`/blocks/3`, `/view/blocks/3`); its type decides which rules apply. */
export function block(is: Issues, b: unknown, p: string, seen: SeenIds): void {
  if (!isObject(b)) return is.add(p, 'must be an object');
  if (b.block_id !== undefined) {
    is.text(b.block_id, `${p}/block_id`, BLOCK_LIMITS.blockId, { min: 1 });
    if (typeof b.block_id === 'string') {
      if (seen.blocks.has(b.block_id)) is.add(`${p}/block_id`, 'block_id must be unique');
      seen.blocks.add(b.block_id);
    }
  }
  const actionIds = new Set<string>();
  switch (b.type) {
    case 'header':
      return textObject(is, b.text, `${p}/text`, BLOCK_LIMITS.headerText, { plainOnly: true, required: true });
    case 'section': {
      if (b.text === undefined && b.fields === undefined) is.add(p, 'must provide either text or fields');
      textObject(is, b.text, `${p}/text`, BLOCK_LIMITS.sectionText);
      const fields = is.items(b.fields, `${p}/fields`, BLOCK_LIMITS.sectionFields, { min: 1 });
      fields.forEach((f, i) => textObject(is, f, `${p}/fields/${i}`, BLOCK_LIMITS.fieldText));
      if (b.accessory !== undefined) element(is, b.accessory, `${p}/accessory`, actionIds);
      return;
    }
    case 'context': {
      const elements = is.items(b.elements, `${p}/elements`, BLOCK_LIMITS.contextElements, { min: 1, required: true });
      elements.forEach((e, i) =>
        isObject(e) && e.type === 'image'
          ? element(is, e, `${p}/elements/${i}`, actionIds)
          : textObject(is, e, `${p}/elements/${i}`, BLOCK_LIMITS.contextText),
      );
      return;
    }
    case 'actions': {
      const elements = is.items(b.elements, `${p}/elements`, BLOCK_LIMITS.actionsElements, { min: 1, required: true });
      elements.forEach((e, i) => element(is, e, `${p}/elements/${i}`, actionIds));
      return;
    }
    case 'divider':
      return;
    case 'image':
      is.text(b.image_url, `${p}/image_url`, ELEMENT_LIMITS.imageUrl, { min: 1, required: true });
      is.text(b.alt_text, `${p}/alt_text`, ELEMENT_LIMITS.altText, { min: 1, required: true });
      return textObject(is, b.title, `${p}/title`, BLOCK_LIMITS.imageTitle, { plainOnly: true });
    case 'input':
      textObject(is, b.label, `${p}/label`, BLOCK_LIMITS.label, { plainOnly: true, required: true });
      textObject(is, b.hint, `${p}/hint`, BLOCK_LIMITS.hint, { plainOnly: true });
      if (b.element === undefined) return is.add(`${p}/element`, 'missing required field');
      return element(is, b.element, `${p}/element`, actionIds);
    default:
      is.add(`${p}/type`, 'must be a valid enum value');
  }
}

/** A list of at most `max` blocks at `p`; returns whether one of them is an input block. */
export function blocks(
  is: Issues,
  v: unknown,
  p: string,
  max: number,
  seen: SeenIds = { blocks: new Set() },
): { hasInput: boolean } {
  const list = is.items(v, p, max);
  list.forEach((b, i) => block(is, b, `${p}/${i}`, seen));
  return { hasInput: list.some((b) => isObject(b) && b.type === 'input') };
}
