import type { types, webApi } from '@slack/bolt';

/** The Block Kit and Web API types this adapter uses, named once (from the Slack packages Bolt ships). */
export type KnownBlock = types.KnownBlock;
export type ActionsBlock = types.ActionsBlock;
export type SectionBlock = types.SectionBlock;
export type InputBlock = types.InputBlock;
export type Button = types.Button;
export type MrkdwnElement = types.MrkdwnElement;
export type PlainTextElement = types.PlainTextElement;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type SlackClient = webApi.WebClient;

/** Block Kit limits (docs.slack.dev/reference/block-kit): longer values make Slack refuse the whole message. */
export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  actionsElements: 25,
  modalTitle: 24,
  modalSubmit: 24,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  /** A plain_text_input's max_length: 1..3,000. */
  inputLength: 3000,
  selectOptions: 100,
  privateMetadata: 3000,
  imageUrl: 3000,
  altText: 2000,
  hint: 2000,
  label: 2000,
} as const;
