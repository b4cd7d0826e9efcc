// The chat page and the widget script are files in public/ with a few blanks, filled once at
// start-up from the spa's content, once for each language the bot speaks: the page never
// hard-codes a spa fact or a sentence.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '../../languages.ts';

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
  web_reconnecting: string;
  web_reconnected: string;
}

/** What the page shows about the spa, in the spa's default language. */
export interface WebChatPage {
  spaName: string;
  texts: WebChatTexts;
}

/** What the page's script needs to talk to the API. */
export interface ChatSettings {
  greetingAction: string;
  maxTextChars: number;
  /** How often the open page asks for waiting messages while it has no live stream. */
  pendingPollMs: number;
}

/** The chat page and the widget script, in each language they are offered in. */
export interface RenderedPages {
  chat: ReadonlyMap<Language, string>;
  widget: ReadonlyMap<Language, string>;
}

/** The files in public/ that are filled in rather than served as they are. */
export const TEMPLATE_FILES = ['index.html', 'widget.js'];

const WIDGET_BLANK = '/* settings */ {}';

/**
 * Reads the templates in `dir` and fills them in for each language of `texts`; a blank without a
 * value is a bug and stops start-up. Every version of the page carries every language's labels, so
 * the page can switch to the language the conversation moves to.
 */
export async function renderPages(dir: string, spaName: string, texts: ReadonlyMap<Language, WebChatTexts>, settings: ChatSettings): Promise<RenderedPages> {
  const [chatTemplate = '', widgetTemplate = ''] = await Promise.all(TEMPLATE_FILES.map((file) => readFile(join(dir, file), 'utf8')));
  if (!widgetTemplate.includes(WIDGET_BLANK)) throw new Error(`widget.js: the blank "${WIDGET_BLANK}" is missing`);
  const labels = Object.fromEntries([...texts].map(([language, t]) => [language, pageLabels(t)]));
  const chat = new Map<Language, string>();
  const widget = new Map<Language, string>();
  for (const [language, t] of texts) {
    const values: Record<string, string> = {
      lang: language,
      spa_name: spaName,
      tagline: t.web_tagline,
      log_label: t.web_log_label,
      input_label: t.web_input_label,
      input_placeholder: t.web_input_placeholder,
      send: t.web_send,
      typing: t.web_typing,
      max_text_chars: String(settings.maxTextChars),
    };
    const pageSettings = { ...settings, spaName, language, labels };
    chat.set(
      language,
      chatTemplate.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
        if (name === 'settings') return jsonForScript(pageSettings);
        const value = values[name];
        if (value === undefined) throw new Error(`index.html: no value for {{${name}}}`);
        return escapeHtml(value);
      }),
    );
    widget.set(language, widgetTemplate.replace(WIDGET_BLANK, () => jsonForScript({ title: spaName, openLabel: t.web_open_chat, closeLabel: t.web_close_chat })));
  }
  return { chat, widget };
}

/** The labels the page's script sets when the conversation changes language. */
function pageLabels(texts: WebChatTexts) {
  return {
    tagline: texts.web_tagline,
    logLabel: texts.web_log_label,
    inputLabel: texts.web_input_label,
    inputPlaceholder: texts.web_input_placeholder,
    send: texts.web_send,
    typing: texts.web_typing,
    you: texts.web_you,
    rateLimited: texts.web_rate_limited,
    failed: texts.web_failed,
    reconnecting: texts.web_reconnecting,
    reconnected: texts.web_reconnected,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element: no "</script>" or line separators can end it early. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
