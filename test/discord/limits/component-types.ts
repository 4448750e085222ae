/** Discord's component type numbers, as the API documents them, for the checks of messages and modals. */
export const ACTION_ROW = 1;
export const BUTTON = 2;
export const STRING_SELECT = 3;
export const TEXT_INPUT = 4;
/** String, user, role, mentionable and channel selects: each takes a whole row. */
export const SELECTS = [3, 5, 6, 7, 8];
export const TEXT_DISPLAY = 10;
export const LABEL = 18;
export const FILE_UPLOAD = 19;
