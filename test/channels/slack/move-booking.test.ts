import { afterEach, describe, expect, it } from 'vitest';
import { blockText, buttonsOf } from '../../helpers/fake-slack.ts';
import { bookThroughCore, EVE, HOA, nextEphemeral, startDesk, STAFF_CHANNEL, waitFor, type RunningDesk } from './harness.ts';

// A booking's Move button opens a dialog of its free times; choosing one moves the booking with the
// engine guests book with, tells the guest on their channel, and the staff channel hears of it. The
// desk's clock is Thursday 26 November 2026, 09:00 in Da Nang: "tomorrow" is Friday the 27th.

let running: RunningDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

type Option = { text: { text: string }; value: string };
type Modal = { private_metadata: string; blocks: Array<Record<string, unknown>> };

/** Opens the Move dialog from the booking's card (`/booking REF`) as Hoa; returns it and its time choices per day. */
async function openMove(desk: RunningDesk, ref: string): Promise<{ modal: Modal; times: Map<string, Option[]> }> {
  let before = desk.fake.ephemeralsTo(HOA).length;
  await desk.slack.command('/booking', ref, HOA, STAFF_CHANNEL);
  const card = await nextEphemeral(desk.fake, HOA, before);
  const move = buttonsOf(card.blocks).find((b) => b.label === 'Move');
  if (!move) throw new Error(`no Move button on ${card.text}`);
  before = desk.fake.modals.length;
  await desk.slack.click(move, { ephemeral: { channel: STAFF_CHANNEL, text: card.text, blocks: card.blocks } }).response;
  await waitFor('the Move dialog', () => desk.fake.modals.length > before);
  const modal = desk.fake.modals.at(-1) as unknown as Modal;
  const input = modal.blocks.find((b) => b.type === 'input') as { element: { option_groups: Array<{ label: { text: string }; options: Option[] }> } } | undefined;
  return { modal, times: new Map((input?.element.option_groups ?? []).map((g) => [g.label.text, g.options])) };
}

const choose = (option: Option) => ({ time: { start: { type: 'static_select', selected_option: option } } });

describe('the Move button', () => {
  it('moves a booking to a free time of the dialog, tells the guest, and the staff channel and /bookings follow', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'lan', name: 'Lan Nguyen', request: 'tomorrow at 3pm for an hour' });
    const { modal, times } = await openMove(running, ref);
    expect(blockText(modal.blocks)).toMatch(new RegExp(`${ref} · Lan Nguyen · Fri 27 Nov, 15:00 · 60 min`));
    const friday = times.get('Friday 27 November') ?? [];
    expect(friday.map((o) => o.text.text)).toContain('17:00');
    expect(friday.map((o) => o.text.text)).not.toContain('15:00');

    const before = running.fake.ephemeralsTo(HOA).length;
    const answer = await running.slack.submitView(modal, choose(friday.find((o) => o.text.text === '17:00')!));
    expect(answer).toEqual({ status: 200, body: {} });
    expect((await nextEphemeral(running.fake, HOA, before)).text).toMatch(new RegExp(`Booking ${ref} moved to Fri 27 Nov, 17:00; the guest was told on Telegram`));
    // The guest hears it in their chat, with both times.
    const told = running.delivered.find((d) => d.replies.some((r) => /moved by the spa/.test(r.text)));
    expect(told?.replies[0]?.text).toMatch(/from Friday 27 November at 15:00.* to Friday 27 November at 17:00/);
    expect(blockText((await (async () => {
      const b = running!.fake.ephemeralsTo(HOA).length;
      await running!.slack.command('/bookings', 'tomorrow', HOA, STAFF_CHANNEL);
      return nextEphemeral(running!.fake, HOA, b);
    })()).blocks)).toMatch(/17:00/);
    await waitFor('the move in the staff channel', () => running!.fake.rootMessages(STAFF_CHANNEL).some((m) => m.text.includes(ref) && /moved/i.test(m.text + blockText(m.blocks))));
  });

  it('keeps the dialog open saying so when the time was taken meanwhile, and moves nothing', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'lan', name: 'Lan Nguyen', request: 'tomorrow at 3pm for an hour with Mai' });
    const { modal, times } = await openMove(running, ref);
    const six = (times.get('Friday 27 November') ?? []).find((o) => o.text.text === '18:00')!;
    // Someone takes 18:00 with Mai before the staff member presses Move.
    await bookThroughCore(running.concierge, { id: 'tom', name: 'Tom Baker', request: 'tomorrow at 6pm for an hour with Mai' });
    const answer = await running.slack.submitView(modal, choose(six));
    expect(answer.body).toEqual({ response_action: 'errors', errors: { time: 'The therapist the guest asked for is busy then. Pick another time.' } });
    const before = running.fake.ephemeralsTo(HOA).length;
    await running.slack.command('/booking', ref, HOA, STAFF_CHANNEL);
    expect(blockText((await nextEphemeral(running.fake, HOA, before)).blocks)).toMatch(/Fri 27 Nov, 15:00/);
  });

  it('moves nothing for someone not on the team', async () => {
    running = await startDesk();
    const ref = await bookThroughCore(running.concierge, { id: 'lan', name: 'Lan Nguyen', request: 'tomorrow at 3pm for an hour' });
    const { modal, times } = await openMove(running, ref);
    const answer = await running.slack.submitView(modal, choose(times.get('Friday 27 November')![0]!), EVE);
    expect(answer.body).toMatchObject({ response_action: 'errors' });
    expect(running.delivered.some((d) => d.replies.some((r) => /moved by the spa/.test(r.text)))).toBe(false);
  });
});
