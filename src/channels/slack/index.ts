// The Slack staff desk: the team's commands and buttons, booking notifications, and hand-overs in
// threads, through Bolt. Transport only; the core's staff desk and hand-over do the work.

// The desk
export { createStaffDesk, type StaffDeskOptions, type SlackStaffDesk } from './staff-desk.ts';
export { SLACK_COMMANDS } from './commands.ts';

// Receiving requests over HTTP on the project's server
export { createSlackHttpReceiver, SLACK_EVENTS_PATH, type SlackHttpReceiver } from './http-receiver.ts';

// What it says, from content/slack.yaml
export { loadSlackTexts, type SlackTexts } from './texts.ts';

// Text between guests and Slack
export { escapeForSlack, slackToPlain } from './slack-text.ts';

// Calling Slack
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './web-api.ts';
