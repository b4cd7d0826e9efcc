import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeForSlack, loadSlackTexts, slackToPlain } from '../../../src/channels/slack/index.ts';
import { ContentError } from '../../../src/core/index.ts';
import { CONTENT_DIR } from '../../helpers/bot.ts';

describe('content/slack.yaml', () => {
  it('loads, naming every guest channel the bot has, and the front desk', async () => {
    const texts = await loadSlackTexts(CONTENT_DIR);
    expect(Object.keys(texts.channels).sort()).toEqual(['cli', 'desk', 'slack', 'telegram', 'web']);
    expect(texts.buttons.hand_back).toBe('Hand back to the bot');
  });

  it('stops start-up with the file and the field for an unknown placeholder, a missing text or a long button', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'slack-content-'));
    try {
      const original = await readFile(join(CONTENT_DIR, 'slack.yaml'), 'utf8');
      const broken = original
        .replace('title: "Bookings for {day}"', 'title: "Bookings for {date}"')
        .replace(/ {2}no_show: "No-show"/, `  no_show: "${'x'.repeat(80)}"`)
        .replace(/^refused: .*$/m, '');
      await writeFile(join(dir, 'slack.yaml'), broken);
      const failure = loadSlackTexts(dir);
      await expect(failure).rejects.toBeInstanceOf(ContentError);
      await expect(failure).rejects.toThrow(/slack\.yaml: refused: .*bookings\.title: unknown placeholder \{date\} \(allowed: day\).*buttons\.no_show: .*75/s);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('text between guests and Slack', () => {
  it('escapes the three characters Slack reads as markup', () => {
    expect(escapeForSlack('<!channel> & <@U123|boss> <https://x.example|win>')).toBe('&lt;!channel&gt; &amp; &lt;@U123|boss&gt; &lt;https://x.example|win&gt;');
    expect(escapeForSlack('&amp;')).toBe('&amp;amp;');
  });

  it('turns a staff member’s message into plain text', () => {
    expect(slackToPlain('See <https://lspa.example|our site> or <https://lspa.example>')).toBe('See our site (https://lspa.example) or https://lspa.example');
    expect(slackToPlain('Mail <mailto:hi@lspa.example|hi@lspa.example>')).toBe('Mail hi@lspa.example');
    expect(slackToPlain('Ask <@U0LINH|linh> in <#C0STAFF|front-desk>, <!here>')).toBe('Ask @linh in #front-desk, @here');
    expect(slackToPlain('5 &lt; 6 &amp;&amp; 7 &gt; 6')).toBe('5 < 6 && 7 > 6');
  });
});
