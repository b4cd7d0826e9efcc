import { describe, expect, it } from 'vitest';
import { withoutPersonalDetails } from '../../src/nlu/index.ts';

describe('a message without what says who wrote it', () => {
  it.each([
    ['my name is Anna Tran, call me on +84 905 123 456', 'my name is [name] [name], call me on #'],
    ['email lan.nguyen@example.com about LS-7K3Q', 'email [email] about [ref]'],
    ['Do you do feet too?', 'Do you do feet too?'],
    ['tôi tên Nguyễn Thị Lan, 0905123456', 'tôi tên [name] [name] [name], #'],
    ['마사지 발도 해요?', '마사지 발도 해요?'],
  ])('"%s" is kept as "%s"', (text, kept) => {
    expect(withoutPersonalDetails(text)).toBe(kept);
  });
});
