import { type LimitCase, itRefusesEach, s } from './block-kit-at-limits';

describe('the fake refuses the file uploads Slack refuses', () => {
  const cases: LimitCase[] = [
    [
      'upload alt text over 1,000',
      'files.getUploadURLExternal',
      () => ({ filename: 'a.png', length: 10, alt_text: s(1001) }),
      'invalid_arguments',
      '/alt_text',
    ],
    [
      'an upload completed with no files',
      'files.completeUploadExternal',
      () => ({ channel_id: 'C1', files: [] }),
      'invalid_arguments',
      '/files',
    ],
  ];

  itRefusesEach(cases);
});
