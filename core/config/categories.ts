/** The ten categories of the seed dataset; a desk may configure its own list. */
export const DEFAULT_CATEGORIES = [
  'Account Suspension',
  'Billing Problem',
  'Bug Report',
  'Data Export',
  'Feature Request',
  'Login Issue',
  'Payment Failure',
  'Subscription Cancellation',
  'Technical Support',
  'UI Feedback',
] as const;
