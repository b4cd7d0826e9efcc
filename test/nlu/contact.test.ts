import { describe, expect, it } from 'vitest';
import { findEmail, findName, findPhone } from '../../src/nlu/contact.ts';

describe('findPhone', () => {
  it.each([
    ['+84 905 123 456', '+84905123456', '+84 905 123 456'],
    ['call me on 0905 123 456 please', '+84905123456', '0905 123 456'],
    ['0905123456', '+84905123456', '0905123456'],
    ['my number is 090-512-3456', '+84905123456', '090-512-3456'],
    ['US mobile +1 415 555 2671', '+14155552671', '+1 415 555 2671'],
  ])('"%s" is %s', (text, e164, said) => {
    expect(findPhone(text, 'VN')).toEqual({ e164, text: said });
  });

  it.each([
    ['a local number is read as the given country', '020 7946 0018', 'GB', '+442079460018'],
    ['the same digits in Vietnam', '0905 123 456', 'VN', '+84905123456'],
  ] as const)('%s', (_name, text, country, e164) => {
    expect(findPhone(text, country)?.e164).toBe(e164);
  });

  it.each([
    '',
    'tomorrow at 3pm on 20/03/2022',
    'room 305 for 2 people',
    'it costs 450000 VND',
    'a'.repeat(10_000),
    '😀🎉',
    '\u0000\u0007\u001b',
    'Xin chào, tôi muốn đặt lịch',
  ])('finds no phone number in %j', (text) => {
    expect(findPhone(text, 'VN')).toBeUndefined();
  });
});

describe('findEmail', () => {
  it.each([
    ['lan@example.com', 'lan@example.com'],
    ['email me: Lan.Nguyen+spa@mail.example.vn.', 'Lan.Nguyen+spa@mail.example.vn'],
    ['it is tom_baker@sub.domain.co.uk, thanks', 'tom_baker@sub.domain.co.uk'],
  ])('%j gives %s', (text, email) => {
    expect(findEmail(text)).toBe(email);
  });

  it.each(['', 'no email here', 'lan@localhost', '@example.com', 'a'.repeat(10_000), '😀@🎉.com', '\u0000@\u0007'])(
    'finds no email in %j',
    (text) => {
      expect(findEmail(text)).toBeUndefined();
    },
  );
});

describe('findName', () => {
  it.each([
    ['my name is Lan', 'Lan'],
    ["I'm Tom Baker", 'Tom Baker'],
    ['this is Mai', 'Mai'],
    ['call me Sam', 'Sam'],
    ['name: Ana Silva', 'Ana Silva'],
    ["Hi, I'm Nguyễn Thị Lan and I'd like a massage", 'Nguyễn Thị Lan'],
    ['my name is José, thanks', 'José'],
    ['my name is lan', 'Lan'],
    ["my name's O'Brien-Smith.", "O'Brien-Smith"],
    ['I am Mary J. Blige', 'Mary J. Blige'],
    ['Hi! This is Mai from room 12', 'Mai'],
    ['Tên tôi là Trần Văn Minh', 'Trần Văn Minh'],
    ['book it under the name Hoa please', 'Hoa'],
  ])('%j gives %s', (text, name) => {
    expect(findName(text)).toBe(name);
  });

  it('caps a long name at five words', () => {
    expect(findName('my name is Ana Maria Luisa Garcia Lopez Fernandez Ortiz')).toBe('Ana Maria Luisa Garcia Lopez');
  });

  it.each([
    "I'm fine",
    "I'm pregnant",
    "I'm here",
    "i'm tom", // lower case after "I'm" is too often not a name
    "I'm Looking for a massage",
    "I'm 30 years old",
    "I'm Vietnamese",
    'This is great',
    'my name is <script>alert(1)</script>',
    'name: A1b2',
    '',
    'a'.repeat(10_000),
    '😀🎉',
    '\u0000\u0007\u001b',
    'Xin chào, tôi muốn đặt lịch',
  ])('finds no name in %j', (text) => {
    expect(findName(text)).toBeUndefined();
  });
});
