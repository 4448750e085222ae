import { DEFAULT_DESK_CONFIG } from '../../core/config/desk-config';
import { formFor } from '../../core/conversation/forms';
import { AlreadyClaimed, Conflict, InvalidCredentials, ValidationFailed } from '../../core/errors';
import { errorReply, submissionErrors } from './error-text';
import { refusalOf } from '../../test/slack/block-kit-limits';
import { choiceOf, modalOf } from './modal';
import { decodeMetadata } from './private-metadata';

type Json = Record<string, any>;

describe('modals from core forms', () => {
  it('the new-query form: category select, image-only file input, the form travelling in private_metadata', () => {
    const m = modalOf(formFor('new', DEFAULT_DESK_CONFIG), { channelId: 'C0GENERAL' }) as Json;
    expect(m).toMatchObject({
      type: 'modal',
      callback_id: 'cqms_form',
      title: { text: 'Raise a query' },
      submit: { text: 'Submit' },
    });
    const byId = Object.fromEntries(m.blocks.map((b: Json) => [b.block_id, b]));
    expect(byId.category.element.type).toBe('static_select');
    expect(byId.category.element.options.map((o: Json) => o.value)).toEqual([...DEFAULT_DESK_CONFIG.categories]);
    expect(byId.heading.element).toMatchObject({ type: 'plain_text_input', multiline: false, max_length: 120 });
    // Core takes 4,000; a Slack input at most 3,000 (Slack refuses the whole modal past it), and says so.
    expect(byId.description.element).toMatchObject({ multiline: true, max_length: 3000 });
    expect(byId.description.hint.text).toMatch(/At most 3,000 characters in this form \(Slack's limit\)/);
    expect(byId.heading.hint.text).not.toMatch(/At most/);
    expect(byId.mobile.optional).toBe(true);
    expect(byId.screenshot).toMatchObject({
      optional: true,
      element: { type: 'file_input', filetypes: ['png', 'jpg', 'jpeg', 'gif', 'webp'], max_files: 1 },
    });
    expect(decodeMetadata(m.private_metadata)).toEqual({ formId: 'new', channelId: 'C0GENERAL' });
  });

  it('sign-in forms say that Slack does not mask what is typed', () => {
    for (const id of ['register', 'login'] as const) {
      const m = modalOf(formFor(id, DEFAULT_DESK_CONFIG)) as Json;
      expect(m.blocks[0]).toMatchObject({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: expect.stringMatching(/do not mask/) }],
      });
      const password = m.blocks.find((b: Json) => b.block_id === 'password');
      expect(password.label.text).toBe('Password (not masked)');
      expect(password.hint.text).toMatch(/in clear/);
    }
  });

  it('every form is one Slack opens', () => {
    for (const id of ['new', 'register', 'login', 'close'] as const)
      expect(
        refusalOf('views.open', {
          trigger_id: 't',
          view: modalOf(formFor(id, DEFAULT_DESK_CONFIG, 7), { channelId: 'C1' }),
        }),
      ).toBeNull();
  });

  it('a category longer than an option value travels as its place in the list', () => {
    const long = 'x'.repeat(151);
    const config = { ...DEFAULT_DESK_CONFIG, categories: ['Bug Report', long] };
    const m = modalOf(formFor('new', config)) as Json;
    expect(m.blocks[0].element.options.map((o: Json) => o.value)).toEqual(['Bug Report', '#1']);
    expect(choiceOf('#1', config.categories)).toBe(long);
    expect(choiceOf('Bug Report', config.categories)).toBe('Bug Report');
    expect(refusalOf('views.open', { trigger_id: 't', view: m })).toBeNull();
  });

  it("the close form carries its query; titles fit Slack's 24 characters", () => {
    const m = modalOf(formFor('close', DEFAULT_DESK_CONFIG, 123456789), { channelId: 'C0SUPPORT' }) as Json;
    expect(m.blocks.find((b: Json) => b.block_id === 'note').element.max_length).toBe(3000);
    expect(m.title.text.length).toBeLessThanOrEqual(24);
    expect(decodeMetadata(m.private_metadata)).toEqual({ formId: 'close', queryId: 123456789, channelId: 'C0SUPPORT' });
  });
});

describe('errors on Slack', () => {
  const blocks = ['category', 'heading', 'description', 'mobile', 'screenshot'];
  const defects: string[] = [];
  const sink = (ref: string) => defects.push(ref);

  it('puts each validation issue on its input, and the others on the first input naming the field', () => {
    const e = new ValidationFailed([
      { field: 'heading', message: 'heading is required' },
      { field: 'screenshot', message: 'the file is empty' },
      { field: 'id', message: 'a query id is required' },
    ]);
    expect(submissionErrors(e, blocks, sink)).toEqual({
      heading: 'heading is required',
      screenshot: 'the file is empty',
      category: 'id: a query id is required',
    });
    expect(submissionErrors(new Conflict('email', 'taken'), ['username', 'email'], sink)).toEqual({ email: 'taken' });
    expect(submissionErrors(new InvalidCredentials(), ['login', 'password'], sink)).toEqual({
      password: 'Unknown account or wrong password.',
    });
  });

  it('shows a defect as a reference only, and logs it', () => {
    const e = new TypeError("Cannot read properties of undefined (reading 'x')");
    const r = errorReply(e, sink);
    const shown = JSON.stringify(r);
    expect(shown).toMatch(/Something went wrong \(ref [0-9A-F]{4}\)/);
    expect(shown).not.toMatch(/TypeError|reading 'x'|at /);
    expect(shown).toContain(defects.at(-1));
    expect(submissionErrors(e, blocks, sink).category).toMatch(/^Something went wrong \(ref [0-9A-F]{4}\)/);
    expect(JSON.stringify(errorReply(new AlreadyClaimed(4, { id: 1, name: 'Ann' }), sink))).toContain(
      'Query #4 is already claimed by Ann.',
    );
  });
});
