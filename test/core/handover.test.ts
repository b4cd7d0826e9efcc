import { beforeEach, describe, expect, it } from 'vitest';
import type { Concierge, HandoverEvent, Reply } from '../../src/core/index.ts';
import { createTestConcierge, fakeGuest, textOf } from '../helpers/bot.ts';

let concierge: Concierge;
let staffDesk: HandoverEvent[];
let delivered: Array<{ channel: string; conversationId: string; replies: Reply[] }>;

beforeEach(async () => {
  concierge = await createTestConcierge();
  staffDesk = [];
  delivered = [];
  // A staff desk listening, and a channel that can reach its guests outside a reply.
  concierge.handoverEvents.on((event) => void staffDesk.push(event));
  concierge.outbox.register('telegram', async (conversationId, replies) => void delivered.push({ channel: 'telegram', conversationId, replies }));
});

describe('handing a guest over to a person on the team', () => {
  it('goes round trip: guest asks, staff answer on the guest’s channel, the guest writes back, staff hand back', async () => {
    const guest = fakeGuest(concierge, { id: '42', channel: 'telegram', name: 'Lan' });
    await guest.say('how long is the massage');
    expect(textOf(await guest.say('can I talk to a real person please'))).toMatch(/asked a member of our team/i);

    const requested = staffDesk.find((e) => e.type === 'requested');
    expect(requested).toMatchObject({ key: 'telegram:42', channel: 'telegram', conversationId: '42', guest: { name: 'Lan' }, reason: 'asked' });
    expect(requested?.type === 'requested' && requested.recent.map((l) => l.text)).toEqual(
      expect.arrayContaining(['how long is the massage', expect.stringMatching(/30 minutes/), 'can I talk to a real person please']),
    );

    expect(await guest.say('is anyone there?')).toEqual([]);
    expect(staffDesk.at(-1)).toMatchObject({ type: 'guest-message', key: 'telegram:42', text: 'is anyone there?' });

    expect(await concierge.staffReply('telegram:42', 'Hoa', 'Hi Lan, Hoa here. How can I help?')).toBe(true);
    expect(delivered.at(-1)).toMatchObject({ channel: 'telegram', conversationId: '42', replies: [{ text: 'From our team (Hoa): Hi Lan, Hoa here. How can I help?' }] });

    expect(await concierge.endHandover('telegram:42')).toBe(true);
    expect(textOf(delivered.at(-1)!.replies)).toMatch(/back with the L Spa assistant/);
    expect(staffDesk.at(-1)).toMatchObject({ type: 'ended', key: 'telegram:42' });
    expect(textOf(await guest.say('does it hurt?'))).toMatch(/pressure/i);
  });

  it('hands over after the bot fails to understand twice in a row', async () => {
    const guest = fakeGuest(concierge, { id: '7', channel: 'telegram' });
    expect(textOf(await guest.say('qwzx vbnm'))).toMatch(/didn't quite get/i);
    expect(textOf(await guest.say('plorf zib'))).toMatch(/trouble understanding/i);
    expect(staffDesk).toMatchObject([{ type: 'requested', reason: 'misunderstood' }]);
  });

  it('tells a guest already waiting that the team has their messages', async () => {
    const guest = fakeGuest(concierge, { id: '8', channel: 'telegram' });
    await guest.say('talk to a human');
    // In hand-over the bot stays quiet; pressing a menu button still reaches it.
    expect(textOf(await guest.sendAction('i:person'))).toMatch(/has your messages/i);
  });

  it('refuses a staff reply or hand-back for a conversation that is not with staff', async () => {
    await fakeGuest(concierge, { id: '9', channel: 'telegram' }).say('hello');
    expect(await concierge.staffReply('telegram:9', 'Hoa', 'hi')).toBe(false);
    expect(await concierge.endHandover('telegram:404')).toBe(false);
    expect(delivered).toEqual([]);
  });
});
