import { describe, expect, it } from 'vitest';
import { findBookingRef, isBookingRef, newBookingRef, normalizeBookingRef } from '../../src/booking/index.ts';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

// A random source that hands out the given bytes, then 0s: deterministic, and never runs dry.
const bytes = (...values: number[]) => {
  const queue = [...values];
  return (size: number) => Uint8Array.from({ length: size }, () => queue.shift() ?? 0);
};

describe('newBookingRef', () => {
  it('is "LS-" and four characters from the unambiguous alphabet', () => {
    for (let i = 0; i < 200; i++) expect(newBookingRef()).toMatch(/^LS-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/);
  });

  it.each([
    ['the first four bytes when all are usable', [0, 1, 30, 8], 'LS-23ZA'],
    ['bytes 248-255 are thrown away (they would favour the first 8 characters)', [248, 255, 0, 252, 30, 31, 247, 249, 5], 'LS-2Z2Z'],
    ['more bytes are asked for when a batch runs short', [250, 250, 250, 250, 250, 250, 250, 250, 9, 9, 9, 9], 'LS-BBBB'],
  ])('%s', (_name, values, expected) => {
    expect(newBookingRef(bytes(...values))).toBe(expected);
  });

  it('gives every character the same chance: each is drawn by exactly 8 of the 248 usable byte values', () => {
    const drawn = new Map<string, number>();
    for (let byte = 0; byte < 248; byte++) {
      const first = newBookingRef(bytes(byte)).charAt(3);
      drawn.set(first, (drawn.get(first) ?? 0) + 1);
    }
    expect([...drawn.keys()].sort().join('')).toBe([...ALPHABET].sort().join(''));
    expect(new Set(drawn.values())).toEqual(new Set([8]));
  });

  it('reads back as a reference', () => {
    const ref = newBookingRef(bytes(3, 14, 15, 92));
    expect(isBookingRef(ref)).toBe(true);
    expect(normalizeBookingRef(ref)).toBe(ref);
    expect(findBookingRef(`booking ${ref} confirmed`)).toBe(ref);
  });
});

describe('isBookingRef and normalizeBookingRef: the whole text is a reference', () => {
  it.each([
    ['LS-7K3Q', 'LS-7K3Q'],
    ['ls-7k3q', 'LS-7K3Q'],
    ['ls 7k3q', 'LS-7K3Q'],
    ['LS7K3Q', 'LS-7K3Q'],
    ['  LS-7K3Q  ', 'LS-7K3Q'],
    ['Ls - 7k3q', 'LS-7K3Q'],
    ['LS\u20137K3Q', 'LS-7K3Q'],
    ['LS-7K3O', undefined],
    ['LS-7K31', undefined],
    ['LS-7KIQ', undefined],
    ['LS-7K3L', undefined],
    ['LS-7K3', undefined],
    ['LS-7K3QX', undefined],
    ['XLS-7K3Q', undefined],
    ['LS--7K3Q', undefined],
    ['cancel LS-7K3Q', undefined],
    ['', undefined],
  ])('%j -> %s', (text, canonical) => {
    expect(isBookingRef(text)).toBe(canonical !== undefined);
    expect(normalizeBookingRef(text)).toBe(canonical);
  });
});

describe('findBookingRef: a reference inside a guest message', () => {
  it.each([
    ['cancel LS-7K3Q please', 'LS-7K3Q'],
    ['can I move ls7k3q to friday?', 'LS-7K3Q'],
    ['my booking is ls 7k3q.', 'LS-7K3Q'],
    ['(LS-7K3Q)', 'LS-7K3Q'],
    ['LS-7K3Q', 'LS-7K3Q'],
    ['refs: LS-ABCD, LS-7K3Q', 'LS-ABCD'],
    ['pls help', undefined],
    ['it falls 7K3Q', undefined],
    ['LS-7K3Q9', undefined],
    ['ALS-7K3Q', undefined],
    ['cancel LS-7K30', undefined],
    ['no reference here', undefined],
  ])('%j -> %s', (text, ref) => {
    expect(findBookingRef(text)).toBe(ref);
  });
});
