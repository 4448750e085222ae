import { refusalOf } from './block-kit-limits';
import { at, home, type LimitCase, itRefusesEach, maximalModal, modal, options, plain, s } from './block-kit-at-limits';

describe('the fake refuses the modals and App Homes Slack refuses', () => {
  it('takes a modal and an App Home at every limit', () => {
    expect(refusalOf('views.open', maximalModal())).toBeNull();
    expect(refusalOf('views.publish', home())).toBeNull();
  });

  const cases: LimitCase[] = [
    [
      '101 blocks in a modal',
      'views.open',
      modal((v) => v.blocks.push({ type: 'divider' })),
      'invalid_arguments',
      '/view/blocks',
    ],
    [
      'modal title over 24',
      'views.open',
      modal((v) => (v.title = plain(s(25)))),
      'invalid_arguments',
      '/view/title/text',
    ],
    [
      'modal submit over 24',
      'views.update',
      modal((v) => (v.submit = plain(s(25)))),
      'invalid_arguments',
      '/view/submit/text',
    ],
    [
      'modal close over 24',
      'views.push',
      modal((v) => (v.close = plain(s(25)))),
      'invalid_arguments',
      '/view/close/text',
    ],
    ['no submit with an input', 'views.open', modal((v) => delete v.submit), 'invalid_arguments', '/view/submit'],
    [
      'private_metadata over 3,000',
      'views.open',
      modal((v) => (v.private_metadata = s(3001))),
      'invalid_arguments',
      '/view/private_metadata',
    ],
    [
      'callback_id over 255',
      'views.open',
      modal((v) => (v.callback_id = s(256))),
      'invalid_arguments',
      '/view/callback_id',
    ],
    [
      'input label over 2,000',
      'views.open',
      modal((v) => (at(v, 0).label = plain(s(2001)))),
      'invalid_arguments',
      '/view/blocks/0/label/text',
    ],
    [
      'input hint over 2,000',
      'views.open',
      modal((v) => (at(v, 0).hint = plain(s(2001)))),
      'invalid_arguments',
      '/view/blocks/0/hint/text',
    ],
    [
      'max_length 4,000',
      'views.open',
      modal((v) => (at(v, 0).element.max_length = 4000)),
      'invalid_arguments',
      '/view/blocks/0/element/max_length',
    ],
    [
      'max_length 0',
      'views.open',
      modal((v) => (at(v, 0).element = { type: 'plain_text_input', action_id: 'v', max_length: 0 })),
      'invalid_arguments',
      '/view/blocks/0/element/max_length',
    ],
    [
      'min_length 3,001',
      'views.open',
      modal((v) => (at(v, 0).element.min_length = 3001)),
      'invalid_arguments',
      '/view/blocks/0/element/min_length',
    ],
    [
      'placeholder over 150',
      'views.open',
      modal((v) => (at(v, 0).element.placeholder = plain(s(151)))),
      'invalid_arguments',
      '/view/blocks/0/element/placeholder/text',
    ],
    [
      '101 options',
      'views.open',
      modal((v) => (at(v, 1).element.options = [...options, options[0]])),
      'invalid_arguments',
      '/view/blocks/1/element/options',
    ],
    [
      'option text over 75',
      'views.open',
      modal((v) => (at(v, 1).element.options = [{ ...options[0], text: plain(s(76)) }])),
      'invalid_arguments',
      '/view/blocks/1/element/options/0/text/text',
    ],
    [
      'option value over 150',
      'views.open',
      modal((v) => (at(v, 1).element.options = [{ ...options[0], value: s(151) }])),
      'invalid_arguments',
      '/view/blocks/1/element/options/0/value',
    ],
    [
      'option description over 75',
      'views.open',
      modal((v) => (at(v, 1).element.options = [{ ...options[0], description: plain(s(76)) }])),
      'invalid_arguments',
      '/view/blocks/1/element/options/0/description/text',
    ],
    [
      'max_files 11',
      'views.open',
      modal((v) => (at(v, 2).element.max_files = 11)),
      'invalid_arguments',
      '/view/blocks/2/element/max_files',
    ],
    [
      'max_files 0',
      'views.open',
      modal((v) => (at(v, 2).element.max_files = 0)),
      'invalid_arguments',
      '/view/blocks/2/element/max_files',
    ],
    [
      '101 blocks on the App Home',
      'views.publish',
      () => {
        const h = home();
        h.view.blocks.push({ type: 'divider' });
        return h;
      },
      'invalid_arguments',
      '/view/blocks',
    ],
  ];

  itRefusesEach(cases);
});
