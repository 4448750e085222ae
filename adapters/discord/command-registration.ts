import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { CATALOG } from '../../core/commands/catalog';
import type { CommandSpec, OptionSpec, OptionType } from '../../core/commands/command-spec';
import { QUERY_STATUSES } from '../../core/domain/status';
import { TREND_BUCKETS } from '../../core/analytics/trend-buckets';
import { ValidationFailed } from '../../core/errors';
import { truncate } from './discord-text';

/** The one slash command; every catalog command is a subcommand of it. */
export const COMMAND_NAME = 'cqms';
const MAX_SUBCOMMANDS = 25;
const MAX_CHOICES = 25;
/** A choice's string value: a category is picked by its name, so no longer names can be offered. */
export const CHOICE_VALUE_MAX = 100;
const STRING_MAX = 6000;

/** Option kinds a form asks in its modal; a command with a form takes only the others as options. */
const ASKED_IN_MODAL: ReadonlySet<OptionType> = new Set(['string', 'text', 'secret']);

/** Which catalog options become Discord options: never a password, and no text a modal asks anyway. */
export function exposedOptions(spec: CommandSpec): OptionSpec[] {
  const shown = spec.options.filter((o) => o.type !== 'secret' && !(spec.form && ASKED_IN_MODAL.has(o.type)));
  // Discord wants required options first.
  return [...shown.filter((o) => o.required), ...shown.filter((o) => !o.required)];
}

/**
 * Whether the command always answers with its form on Discord: it has one, and a required option of it is
 * asked only in the modal (so never given as an option).
 */
export function alwaysOpensForm(spec: CommandSpec): boolean {
  return spec.form !== undefined && spec.options.some((o) => o.required && ASKED_IN_MODAL.has(o.type));
}

const choices = (values: readonly string[]) => values.map((v) => ({ name: truncate(v, 100), value: v }));

function optionOf(o: OptionSpec, categories: readonly string[]): APIApplicationCommandBasicOption {
  const base = { name: o.name, description: truncate(o.description, 100), required: o.required };
  const type: OptionType = o.type;
  switch (type) {
    case 'string':
    case 'text':
    case 'secret':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        max_length: Math.min(o.maxLength ?? STRING_MAX, STRING_MAX),
      };
    case 'integer':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: 1 };
    case 'query':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: 1, autocomplete: true };
    case 'rating':
      return {
        ...base,
        type: ApplicationCommandOptionType.Integer,
        choices: [1, 2, 3, 4, 5].map((r) => ({ name: `${'★'.repeat(r)} (${r})`, value: r })),
      };
    case 'category':
      return categories.length <= MAX_CHOICES
        ? { ...base, type: ApplicationCommandOptionType.String, choices: choices(categories) }
        : { ...base, type: ApplicationCommandOptionType.String, autocomplete: true };
    case 'status':
      return { ...base, type: ApplicationCommandOptionType.String, choices: choices(QUERY_STATUSES) };
    case 'bucket':
      return { ...base, type: ApplicationCommandOptionType.String, choices: choices(TREND_BUCKETS) };
    case 'date':
      return { ...base, type: ApplicationCommandOptionType.String, min_length: 10, max_length: 10 };
    case 'agent':
      return { ...base, type: ApplicationCommandOptionType.User };
    case 'attachment':
      return { ...base, type: ApplicationCommandOptionType.Attachment };
    default: {
      const unknown: never = type;
      throw new Error(`no Discord option type for ${String(unknown)}`);
    }
  }
}

function subcommandOf(spec: CommandSpec, categories: readonly string[]): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: spec.name,
    description: truncate(spec.summary, 100),
    options: exposedOptions(spec).map((o) => optionOf(o, categories)),
  };
}

/**
 * The registration payload, generated from the catalog: `/cqms` with one subcommand per command and typed
 * options (categories and statuses as choices, the screenshot as an attachment, the agent as a user, query
 * ids as integers with autocomplete). Usable in servers and in a DM with the bot.
 */
export function discordCommands(config: {
  categories: readonly string[];
}): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const specs = CATALOG as readonly CommandSpec[];
  const long = config.categories.find((c) => c.length > CHOICE_VALUE_MAX);
  if (long !== undefined)
    throw ValidationFailed.field(
      'CQMS_CATEGORIES',
      `"${truncate(long, 40)}" is ${long.length} characters; Discord offers choices of at most ${CHOICE_VALUE_MAX}`,
    );
  if (specs.length > MAX_SUBCOMMANDS)
    throw new Error(`the catalog has ${specs.length} commands; a Discord command holds ${MAX_SUBCOMMANDS} subcommands`);
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: COMMAND_NAME,
      description: 'CQMS support desk: raise, track and resolve queries',
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      options: specs.map((s) => subcommandOf(s, config.categories)),
    },
  ];
}
