/**
 * Discord's documented limits, as the fake enforces them (discord.com/developers/docs: message, embed,
 * component and modal references, application commands, receiving and responding). Kept apart from the
 * adapter's own constants on purpose: the fake must not agree with the bot by sharing its numbers.
 */
export const MESSAGE = { content: 2000, embeds: 10, attachments: 10, actionRows: 5, nonce: 25 } as const;

/** Start Thread from Message: a name of 1-100 characters; archive after one of these many minutes of quiet. */
export const THREAD = { name: 100, autoArchiveMinutes: [60, 1440, 4320, 10080] } as const;

export const EMBED = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  total: 6000,
} as const;

export const COMPONENT = {
  rowWidth: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  optionText: 100,
  selectPlaceholder: 150,
  selectValues: 25,
} as const;

export const MODAL = {
  title: 45,
  customId: 100,
  components: 5,
  label: 45,
  labelDescription: 100,
  textDisplay: 4000,
  placeholder: 100,
  inputLength: 4000,
} as const;

export const COMMAND = {
  name: 32,
  description: 100,
  options: 25,
  choices: 25,
  choiceName: 100,
  choiceString: 100,
  stringOption: 6000,
  globalChatInput: 100,
} as const;

/** Names of commands, subcommands and options (CHAT_INPUT), and they must use lower case where a letter has one. */
export const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

export const INTERACTION = { firstAnswerMs: 3000, tokenMs: 15 * 60_000, autocompleteChoices: 25 } as const;

/** Message flag that switches a message to Components V2 (which the fake does not model). */
export const IS_COMPONENTS_V2 = 1 << 15;
