// The time zone of the guest's device, as the page reads it (`Intl.DateTimeFormat().resolvedOptions()
// .timeZone`) and sends it with each message. It comes from anyone on the internet, so only the name of
// a real IANA zone is taken; anything else is dropped quietly, as a wrong zone must never cost the message.

// "Asia/Seoul", "America/Argentina/Buenos_Aires", "Etc/GMT+7", "UTC": names, never offsets such as "+07:00".
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
const MAX_ZONE_CHARS = 64;

/**
 * `value` when it names a zone this server knows, as the device named it (an older name such as
 * "Asia/Saigon", which some browsers still report, is a zone too), else undefined.
 */
export function guestTimeZone(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_ZONE_CHARS || !ZONE_NAME.test(value)) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    return undefined;
  }
}
