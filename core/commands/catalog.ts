import { HEADING_MAX, DESCRIPTION_MAX, RESOLUTION_NOTE_MAX, REVIEW_COMMENT_MAX } from '../schemas/query-input';
import type { CommandSpec, OptionSpec } from './command-spec';

const id = (what = 'the query'): OptionSpec => ({
  name: 'id',
  description: `Id of ${what}`,
  type: 'query',
  required: true,
  positional: true,
});
const filters: OptionSpec[] = [
  { name: 'status', description: 'Open, In Progress or Closed', type: 'status', required: false },
  { name: 'category', description: 'Only this category', type: 'category', required: false },
  { name: 'from', description: 'Raised on or after (YYYY-MM-DD)', type: 'date', required: false },
  { name: 'to', description: 'Raised before (YYYY-MM-DD)', type: 'date', required: false },
  { name: 'page', description: 'Page number', type: 'integer', required: false },
];
/** A conversation message's words and file: `reply 42 it works now`. */
const message = (what: string): OptionSpec[] => [
  {
    name: 'text',
    description: what,
    type: 'text',
    required: true,
    positional: true,
    rest: true,
    maxLength: DESCRIPTION_MAX,
  },
  { name: 'file', description: 'An image, PDF or text file, up to 5 MB', type: 'attachment', required: false },
];
const range: OptionSpec[] = filters.filter((o) => o.name === 'from' || o.name === 'to' || o.name === 'category');

/**
 * The single source of truth for commands: the shell help, the Slack manifest and the Discord command
 * registration are generated from this list, and a test fails if an adapter knows a command it lacks.
 */
export const CATALOG = [
  { name: 'help', readOnly: true, summary: 'List the commands you can run', audience: 'guest', options: [] },
  {
    name: 'register',
    summary: 'Create your client account and sign in here',
    audience: 'guest',
    form: 'register',
    options: [
      { name: 'username', description: 'Sign-in name', type: 'string', required: true, maxLength: 32 },
      { name: 'email', description: 'Email address', type: 'string', required: true, maxLength: 254 },
      { name: 'mobile', description: '10-digit mobile number', type: 'string', required: true, maxLength: 20 },
      { name: 'password', description: 'At least 8 characters', type: 'secret', required: true, maxLength: 128 },
    ],
  },
  {
    name: 'login',
    summary: 'Sign in with username, email or mobile',
    audience: 'guest',
    form: 'login',
    options: [
      { name: 'login', description: 'Username, email or mobile', type: 'string', required: true, maxLength: 254 },
      { name: 'password', description: 'Your password', type: 'secret', required: true, maxLength: 128 },
    ],
  },
  { name: 'logout', summary: 'Unlink this chat account', audience: 'anyone', options: [] },
  {
    name: 'whoami',
    readOnly: true,
    summary: 'Show the account this chat account is linked to',
    audience: 'guest',
    options: [],
  },
  {
    name: 'new',
    summary: 'Raise a query',
    audience: ['client'],
    form: 'new',
    options: [
      { name: 'category', description: 'What it is about', type: 'category', required: true },
      { name: 'heading', description: 'One line summary', type: 'string', required: true, maxLength: HEADING_MAX },
      { name: 'description', description: 'What happened', type: 'text', required: true, maxLength: DESCRIPTION_MAX },
      {
        name: 'mobile',
        description: 'Mobile to reach you (defaults to your account)',
        type: 'string',
        required: false,
        maxLength: 20,
      },
      { name: 'screenshot', description: 'PNG, JPEG, GIF or WebP, up to 5 MB', type: 'attachment', required: false },
    ],
  },
  {
    name: 'mine',
    readOnly: true,
    summary: 'Your queries',
    audience: ['client'],
    options: [...filters, { name: 'format', description: 'csv to download', type: 'string', required: false }],
  },
  { name: 'show', readOnly: true, summary: 'One query with its history', audience: 'anyone', options: [id()] },
  { name: 'reopen', summary: 'Reopen a query closed in the last 7 days', audience: ['client'], options: [id()] },
  {
    name: 'reply',
    summary: 'Reply on a query; the client sees it',
    audience: 'anyone',
    form: 'reply',
    options: [id(), ...message('Your message')],
  },
  {
    name: 'transcript',
    readOnly: true,
    summary: "A query's conversation as a text file",
    audience: 'anyone',
    options: [id()],
  },
  {
    name: 'rate',
    summary: 'Rate the help on a closed query',
    audience: ['client'],
    options: [
      id(),
      { name: 'rating', description: '1 (poor) to 5 (excellent)', type: 'rating', required: true, positional: true },
      { name: 'comment', description: 'Anything to add', type: 'text', required: false, maxLength: REVIEW_COMMENT_MAX },
    ],
  },
  {
    name: 'stats',
    readOnly: true,
    summary: 'Your statistics, with charts',
    audience: ['client'],
    slow: true,
    options: [
      ...range,
      {
        name: 'bucket',
        description: 'Trend by day, week or month (default: the finest that fits)',
        type: 'bucket',
        required: false,
      },
    ],
  },
  {
    name: 'queue',
    readOnly: true,
    summary: 'Open queue',
    audience: ['agent', 'lead'],
    options: filters.filter((o) => o.name !== 'status'),
  },
  {
    name: 'working',
    readOnly: true,
    summary: 'Your queries in progress',
    audience: ['agent', 'lead'],
    options: filters.filter((o) => o.name !== 'status'),
  },
  {
    name: 'closed',
    readOnly: true,
    summary: 'Queries you closed',
    audience: ['agent', 'lead'],
    options: filters.filter((o) => o.name !== 'status'),
  },
  { name: 'claim', summary: 'Claim an open query', audience: ['agent', 'lead'], options: [id()] },
  { name: 'release', summary: 'Put a query back in the open queue', audience: ['agent', 'lead'], options: [id()] },
  {
    name: 'note',
    summary: 'Add an internal note to a query (staff only)',
    audience: ['agent', 'lead'],
    options: [id(), ...message('The note; the client never sees it')],
  },
  {
    name: 'waiting',
    summary: 'Mark a query as waiting on the client (pauses its clock)',
    audience: ['agent', 'lead'],
    options: [id()],
  },
  {
    name: 'close',
    summary: 'Close a query with a resolution note',
    audience: ['agent', 'lead'],
    form: 'close',
    options: [
      id(),
      {
        name: 'note',
        description: 'How it was resolved',
        type: 'text',
        required: true,
        maxLength: RESOLUTION_NOTE_MAX,
      },
    ],
  },
  {
    name: 'team',
    readOnly: true,
    summary: 'Team analytics, with charts',
    audience: ['lead'],
    slow: true,
    options: [
      ...range,
      { name: 'agent', description: 'Only this agent', type: 'agent', required: false },
      {
        name: 'bucket',
        description: 'Trend by day, week or month (default: the finest that fits)',
        type: 'bucket',
        required: false,
      },
    ],
  },
  {
    name: 'sla',
    readOnly: true,
    summary: 'Queries breaching or near their SLA',
    audience: ['lead'],
    options: [
      { name: 'category', description: 'Only this category', type: 'category', required: false },
      ...filters.filter((o) => o.name === 'page'),
    ],
  },
  {
    name: 'assign',
    summary: 'Assign a query to an agent',
    audience: ['lead'],
    options: [id(), { name: 'agent', description: 'The agent', type: 'agent', required: true, positional: true }],
  },
  {
    name: 'export',
    readOnly: true,
    summary: 'CSV of a filtered list of queries',
    audience: ['lead'],
    slow: true,
    options: filters.filter((o) => o.name !== 'page'),
  },
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof CATALOG)[number]['name'];

export const COMMAND_NAMES: readonly CommandName[] = CATALOG.map((c) => c.name);

/** Whether running the command changes nothing stored; an unknown name may change anything. */
export function isReadOnlyCommand(name: string): boolean {
  return findCommand(name)?.readOnly === true;
}

export function findCommand(name: string): CommandSpec | undefined {
  return (CATALOG as readonly CommandSpec[]).find((c) => c.name === name);
}
