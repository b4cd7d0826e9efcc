import { afterEach, describe, expect, it } from 'vitest';
import { blockText } from '../../helpers/fake-slack.ts';
import { HOA, nextEphemeral, startDesk, STAFF_CHANNEL, waitFor, type RunningDesk } from './harness.ts';

// `/book` with nothing after it opens a dialog whose times are the free ones; submitting it books a
// walk-in or a caller through the same engine as a one-line `/book`. The desk's clock is Thursday 26
// November 2026, 09:00 in Da Nang.

let running: RunningDesk | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

type Option = { text: { text: string }; value: string };
type Modal = { callback_id: string; blocks: Array<{ type: string; block_id?: string; element?: { option_groups?: Array<{ label: { text: string }; options: Option[] }>; options?: Option[] } }> };

/** Types `/book` alone as Hoa; returns the dialog and its free times on Friday 27 November. */
async function openDialog(desk: RunningDesk): Promise<{ modal: Modal; friday: Option[] }> {
  const before = desk.fake.modals.length;
  await desk.slack.command('/book', '', HOA, STAFF_CHANNEL);
  await waitFor('the /book dialog', () => desk.fake.modals.length > before);
  const modal = desk.fake.modals.at(-1) as unknown as Modal;
  const time = modal.blocks.find((b) => b.block_id === 'time');
  return { modal, friday: time?.element?.option_groups?.find((g) => g.label.text === 'Friday 27 November')?.options ?? [] };
}

const select = (value: string) => ({ value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } } });
const typed = (value: string) => ({ value: { type: 'plain_text_input', value } });

describe('the /book dialog', () => {
  it('offers the free times, books the one chosen for the guest named, and shows staff the booking', async () => {
    running = await startDesk();
    const { modal, friday } = await openDialog(running);
    expect(modal.callback_id).toBe('desk_book');
    const four = friday.find((o) => o.text.text === '16:00');
    expect(four).toBeDefined();
    const before = running.fake.ephemeralsTo(HOA).length;
    const answer = await running.slack.submitView(modal as unknown as Record<string, unknown>, {
      time: select(four!.value),
      length: select('60'),
      therapist: select('mai'),
      name: typed('Walk In Wendy'),
      contact: typed('0905 111 222'),
      notes: typed('stiff neck, first time'),
    });
    expect(answer).toEqual({ status: 200, body: {} });
    const shown = await nextEphemeral(running.fake, HOA, before);
    const text = `${shown.text}\n${blockText(shown.blocks)}`;
    expect(text).toMatch(/Booked LS-\w{4} at the front desk/);
    expect(text).toMatch(/Fri 27 Nov, 16:00/);
    expect(text).toMatch(/Walk In Wendy/);
    expect(text).toMatch(/\+84905111222/);
    expect(text).toMatch(/stiff neck, first time/);
    // The time is gone from the next dialog for Mai's 60 minutes: the same engine and store.
    const b = running.fake.ephemeralsTo(HOA).length;
    await running.slack.command('/availability', 'tomorrow 60', HOA, STAFF_CHANNEL);
    const availability = blockText((await nextEphemeral(running.fake, HOA, b)).blocks);
    expect(availability.split('\n').find((l) => l.startsWith('Mai (sample):'))).not.toMatch(/16:00/);
  });

  it('keeps the dialog open with what is wrong: a contact it cannot read, a length that no longer fits, no name', async () => {
    running = await startDesk();
    const { modal, friday } = await openDialog(running);
    const last = friday.at(-1)!;
    const base = { time: select(last.value), therapist: select('any'), name: typed('Late Larry') };
    const badContact = await running.slack.submitView(modal as unknown as Record<string, unknown>, { ...base, length: select('30'), contact: typed('call me maybe') });
    expect(badContact.body).toMatchObject({ response_action: 'errors', errors: { contact: expect.stringMatching(/no phone number or email/) } });
    // The last free start is free for 30 minutes; an hour would run past closing.
    const tooLong = await running.slack.submitView(modal as unknown as Record<string, unknown>, { ...base, length: select('60'), contact: typed('') });
    expect(tooLong.body).toMatchObject({ response_action: 'errors', errors: { time: expect.stringMatching(/outside opening hours/) } });
    const noName = await running.slack.submitView(modal as unknown as Record<string, unknown>, { ...base, name: typed('  '), length: select('30') });
    expect(noName.body).toMatchObject({ response_action: 'errors', errors: { name: expect.stringMatching(/the guest's name/) } });
  });
});
