// Named errors that say who failed, shared by every module (this file imports nothing).
// Each channel handles them once, at its edge.

/** Base of every error this project throws on purpose. */
export class ConciergeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The guest's input could not be used. The message is safe to show to the guest. */
export class GuestInputError extends ConciergeError {}

/** The spa's configuration (environment or content/) is wrong; start-up stops with this. */
export class ConfigError extends ConciergeError {}

/** A file in content/ or intents/ is broken: which file, which field, what is wrong. */
export class ContentError extends ConfigError {
  constructor(
    readonly file: string,
    readonly problems: string[],
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problems.join('; ')}`, options);
  }
}

/** The state store (Redis) failed or answered something unusable. */
export class StoreError extends ConciergeError {}

/** A messaging platform's API (Telegram, Slack) failed. */
export class PlatformError extends ConciergeError {}
