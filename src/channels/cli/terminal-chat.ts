import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Choice, Concierge, Logger, Reply, Turn } from '../../core/index.ts';
import { intentAction } from '../../core/index.ts';

/** Where the terminal chat reads from and writes to. */
export interface TerminalChatOptions {
  concierge: Concierge;
  input: Readable;
  output: Writable;
  logger: Logger;
  /** Interactive (a prompt, numbered choices to type) or piped (one guest message per line). */
  interactive: boolean;
  /** The conversation to continue; by default each run of the chat is a new guest. */
  guestId?: string;
}

/** Chats with one guest in a terminal until the input ends. Choices are numbered; typing a number picks one. */
export async function runTerminalChat(options: TerminalChatOptions): Promise<void> {
  const { concierge, output, logger, interactive } = options;
  const guestId = options.guestId ?? `terminal-${randomUUID().slice(0, 8)}`;
  let offered: Choice[] = [];
  // A reader that goes away (`npm run chat | head`) ends the chat instead of crashing it.
  let closed = false;
  output.on('error', () => {
    closed = true;
  });
  const write = (text: string) => {
    if (!closed) output.write(text + '\n');
  };

  const send = async (input: Turn['input']) => {
    const turn: Turn = { channel: 'cli', conversationId: guestId, guest: { id: guestId }, input };
    let replies: Reply[];
    try {
      replies = await concierge.handle(turn);
    } catch (error) {
      logger.error({ err: error }, 'handling a terminal message failed');
      replies = concierge.errorReplies();
    }
    for (const reply of replies) {
      write(`bot: ${reply.text.replace(/\n/g, '\n     ')}`);
    }
    const last = replies.at(-1);
    offered = last?.choices ?? [];
    offered.forEach((choice, i) => write(`     ${i + 1}) ${choice.label}`));
  };

  // Take the iterator before the first await: readline drops lines that arrive while nobody iterates.
  const lines = createInterface({ input: options.input, terminal: false, crlfDelay: Infinity })[Symbol.asyncIterator]();
  await send({ kind: 'action', action: intentAction('greeting') });
  if (interactive) output.write('you> ');
  for await (const line of { [Symbol.asyncIterator]: () => lines }) {
    if (closed) break;
    if (!interactive) write(`you: ${line}`);
    const picked = /^\s*(\d{1,2})\s*$/.exec(line);
    const choice = picked ? offered[Number(picked[1]) - 1] : undefined;
    await send(choice ? { kind: 'action', action: choice.action } : { kind: 'text', text: line });
    if (interactive) output.write('you> ');
  }
  if (interactive) write('');
}
