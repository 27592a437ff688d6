/** Limits the API enforces and the chat commands announce up front. */
export const MAX_PROMPT_LENGTH = 2000;
