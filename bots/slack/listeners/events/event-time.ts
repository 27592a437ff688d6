/** When Slack says an event happened: its event_time is in whole seconds, so up to the end of that second. */
export const eventTime = (seconds: number) => new Date((seconds + 1) * 1000);
