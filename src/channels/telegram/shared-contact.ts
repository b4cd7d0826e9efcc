// A contact card the guest shares (the share-my-phone button, or one picked from their address book).
import type { Contact } from 'grammy/types';

// A vCard's email line: "EMAIL:lan@example.com" or "EMAIL;TYPE=INTERNET:lan@example.com".
const VCARD_EMAIL = /^EMAIL[^:\r\n]*:[ \t]*([^\s]+)[ \t]*$/im;

/**
 * The guest's text turn for a shared contact: its phone number as the core reads a phone number.
 * Telegram sends the number of the guest's own account as international digits, usually without the
 * '+' ("84905123456"), so '+' and the digits are given. A card from the address book may hold a local
 * number ("0905 123 456"): a leading 0 is a trunk prefix, never a country code, so it is passed as
 * written and read as the spa's country's. A card without a number gives its email if its vCard has
 * one, else nothing: the core answers that like any message it cannot use.
 */
export function contactText(contact: Pick<Contact, 'phone_number' | 'vcard'>): string {
  const written = contact.phone_number?.trim() ?? '';
  const digits = written.replace(/\D/g, '');
  if (digits.startsWith('0') && !written.startsWith('+')) return written;
  if (digits.length > 0) return `+${digits}`;
  return VCARD_EMAIL.exec(contact.vcard ?? '')?.[1] ?? '';
}
