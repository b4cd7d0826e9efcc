// The chat page and the widget script are files in public/ with a few blanks, filled once at
// start-up from the spa's content: the page never hard-codes a spa fact or a sentence.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The web chat's own sentences: the `web_*` keys of content/messages.yaml. */
export interface WebChatTexts {
  web_tagline: string;
  web_log_label: string;
  web_you: string;
  web_input_label: string;
  web_input_placeholder: string;
  web_send: string;
  web_typing: string;
  web_rate_limited: string;
  web_failed: string;
  web_open_chat: string;
  web_close_chat: string;
}

/** What the page shows about the spa. */
export interface WebChatPage {
  spaName: string;
  texts: WebChatTexts;
}

/** What the page's script needs to talk to the API. */
export interface ChatSettings {
  greetingAction: string;
  maxTextChars: number;
  /** How often the open page asks for messages that came while it was closed. */
  pendingPollMs: number;
}

/** The files in public/ that are filled in rather than served as they are. */
export const TEMPLATE_FILES = ['index.html', 'widget.js'];

const WIDGET_BLANK = '/* settings */ {}';

/** Reads the templates in `dir` and fills them in; a blank without a value is a bug and stops start-up. */
export async function renderPages(dir: string, page: WebChatPage, settings: ChatSettings): Promise<{ chat: string; widget: string }> {
  const [chatTemplate, widgetTemplate] = await Promise.all(TEMPLATE_FILES.map((file) => readFile(join(dir, file), 'utf8')));
  const { texts, spaName } = page;
  const values: Record<string, string> = {
    spa_name: spaName,
    tagline: texts.web_tagline,
    log_label: texts.web_log_label,
    input_label: texts.web_input_label,
    input_placeholder: texts.web_input_placeholder,
    send: texts.web_send,
    typing: texts.web_typing,
    max_text_chars: String(settings.maxTextChars),
  };
  const pageSettings = { ...settings, spaName, texts: { you: texts.web_you, rateLimited: texts.web_rate_limited, failed: texts.web_failed } };
  const chat = (chatTemplate as string).replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (name === 'settings') return jsonForScript(pageSettings);
    const value = values[name];
    if (value === undefined) throw new Error(`index.html: no value for {{${name}}}`);
    return escapeHtml(value);
  });
  if (!widgetTemplate?.includes(WIDGET_BLANK)) throw new Error(`widget.js: the blank "${WIDGET_BLANK}" is missing`);
  const widget = widgetTemplate.replace(WIDGET_BLANK, () =>
    jsonForScript({ title: spaName, openLabel: texts.web_open_chat, closeLabel: texts.web_close_chat }),
  );
  return { chat, widget };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element: no "</script>" or line separators can end it early. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
