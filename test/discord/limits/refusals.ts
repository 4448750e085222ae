import type { ErrorTree, FormErrors } from './form-errors';

/** What Discord answers a request it will not carry out; `violation` marks the bot's fault (not a set-up refusal). */
export interface Refusal {
  status: number;
  body: { code: number; message: string; errors?: ErrorTree };
}

export const invalidFormBody = (errors: FormErrors): Refusal => ({
  status: 400,
  body: { code: 50035, message: 'Invalid Form Body', errors: errors.tree },
});
export const EMPTY_MESSAGE: Refusal = { status: 400, body: { code: 50006, message: 'Cannot send an empty message' } };
export const ALREADY_ACKNOWLEDGED: Refusal = {
  status: 400,
  body: { code: 40060, message: 'Interaction has already been acknowledged.' },
};
export const UNKNOWN_INTERACTION: Refusal = { status: 404, body: { code: 10062, message: 'Unknown interaction' } };
/** A token past its 15 minutes, or one Discord never issued. */
export const INVALID_WEBHOOK_TOKEN: Refusal = { status: 401, body: { code: 50027, message: 'Invalid Webhook Token' } };
/** A follow-up or edit on an interaction that was never acknowledged. */
export const UNKNOWN_WEBHOOK: Refusal = { status: 404, body: { code: 10015, message: 'Unknown Webhook' } };
