// Words for synthetic rows; invented here, not taken from any dataset.
export const FIRST_NAMES = [
  'aarav',
  'vivaan',
  'aditya',
  'diya',
  'ananya',
  'ishaan',
  'kavya',
  'rohan',
  'meera',
  'arjun',
  'saanvi',
  'kabir',
  'nisha',
  'vikram',
  'priya',
  'rahul',
  'sneha',
  'farhan',
  'zoya',
  'joseph',
  'maria',
  'daniel',
  'laura',
  'omar',
  'li',
  'kenji',
  'amara',
  'lucas',
  'elena',
  'noah',
];

export const LAST_NAMES = [
  'sharma',
  'verma',
  'iyer',
  'nair',
  'reddy',
  'patel',
  'khan',
  'das',
  'gupta',
  'singh',
  'menon',
  'rao',
  'bose',
  'joshi',
  'kapoor',
  'dsouza',
  'fernandes',
  'smith',
  'garcia',
  'chen',
];

export const DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.in', 'corp.example.co.in'];

/** A few plausible complaints per category; the generator mixes in quoting and markup defects. */
export const DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  'Account Suspension': [
    'Account suspended without notice.',
    'Need help lifting restrictions.',
    'Suspended after password reset.',
  ],
  'Billing Problem': [
    'Charged twice this month.',
    'Invoice total does not match plan.',
    'GST number missing on invoice.',
  ],
  'Bug Report': ['Tab focus jumps incorrectly.', 'Form validation not working properly.', 'Page freezes on save.'],
  'Data Export': [
    'Need monthly data dump in CSV.',
    'Export stops at 10000 rows.',
    'Exported dates are in the wrong zone.',
  ],
  'Feature Request': ['Please add dark mode.', 'Need bulk edit for tickets.', 'Allow two-factor login by app.'],
  'Login Issue': ['Cannot log in after update.', 'OTP never arrives.', 'Locked out after three attempts.'],
  'Payment Failure': [
    'Payment failed due to card error.',
    'UPI payment debited but not credited.',
    'Refund not received.',
  ],
  'Subscription Cancellation': [
    'Want to cancel my subscription.',
    'Cancelled but still billed.',
    'Downgrade instead of cancel.',
  ],
  'Technical Support': ['App crashes on startup.', 'Sync is very slow.', 'Notifications stopped working.'],
  'UI Feedback': ['Buttons too small on mobile.', 'Contrast is low in tables.', 'Menu labels are confusing.'],
};

export const FALLBACK_DESCRIPTIONS = ['Need help with my account.', 'Something is not working.'];

/** Text that must survive as data: quotes, commas, line breaks, SQL, markup, mentions, non-ASCII. */
export const TRICKY_SUFFIXES = [
  ' Error says "code 500", retried twice.',
  ' Steps: open, click, wait, fail.',
  '\nSecond line of details.',
  '\r\nWindows line break, then more.',
  " Tried '; DROP TABLE users; -- as a name.",
  ' <b>bold</b> <script>alert(1)</script>',
  ' cc @here and <@U123>',
  ' Café crème, naïve résumé — नमस्ते.',
  ' He said ""fine"" and left.',
];

export const MALFORMED_EMAILS = [
  '{u}.example.com',
  '{u}@',
  '@{d}',
  '{u}@@{d}',
  '{u}@{h}',
  '{u} @{d}',
  '{u}@{d}.',
  '{u}@-{d}',
];

export const UNKNOWN_STATUSES = ['reopened', 'on hold', 'unknown', '?', 'cancelled', 'In  Progress'];

export const BAD_DATES = ['2025-02-30', '31/04/2025', 'N/A', '2025/13/01', '2024-06-31 10:00', 'yesterday', '2025-1-5'];
