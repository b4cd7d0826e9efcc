// The web chat page's script: sends what the guest types or picks to POST api/messages and shows the
// replies. Guest and bot text is only ever set with textContent, never parsed as HTML.
// The conversation id and the transcript are kept in localStorage, so a reload shows the
// conversation and continues it (the server keeps the dialogue state under that id).
// Messages sent while the page was closed (a reminder, a staff answer) are fetched when it opens and
// every half minute while it is open.
// Languages: every message carries the browser's languages; the server served the page in the first
// one the bot speaks, with every language's labels, and each answer names the conversation's
// language, which the page's labels then follow (and which is kept for a reload).
(function () {
  'use strict';

  const settings = JSON.parse(document.getElementById('chat-settings').textContent);
  let texts = settings.labels[settings.language];
  const KEY_ID = 'spa-concierge.conversation-id';
  const KEY_TRANSCRIPT = 'spa-concierge.transcript';
  const KEY_PENDING_AFTER = 'spa-concierge.pending-after';
  const KEY_LANGUAGE = 'spa-concierge.language';
  const KEPT_ENTRIES = 200;
  // The server issues ids (a UUID and its signature); an older page's plain UUID starts over.
  const CONVERSATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9_-]{22}$/;

  const conversation = document.getElementById('conversation');
  const log = document.getElementById('log');
  const typing = document.getElementById('typing');
  const errorBox = document.getElementById('error');
  const form = document.getElementById('composer');
  const input = document.getElementById('message');
  const browserLanguages = readBrowserLanguages();

  const storage = openStorage();
  const storedId = storage.get(KEY_ID);
  let conversationId = storedId && CONVERSATION_ID.test(storedId) ? storedId : undefined;
  /** Entries: { from: 'guest' | 'bot', text, choices?: [{ label, action }], links?: [{ label, href }], used?, picked? }. */
  const transcript = conversationId ? readTranscript() : [];
  if (conversationId) useLanguage(storage.get(KEY_LANGUAGE));
  const elements = new Map();
  // Messages go out one at a time, in order, like a conversation.
  let queue = Promise.resolve();
  let waiting = 0;

  for (const entry of transcript) show(entry);
  scrollToEnd();
  if (transcript.length === 0) send({ action: settings.greetingAction });
  else fetchPending();
  window.setInterval(fetchPending, settings.pendingPollMs);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text === '') return;
    input.value = '';
    const said = add({ from: 'guest', text });
    send({ text }, () => {
      remove(said);
      if (input.value === '') input.value = text;
    });
  });

  /** The guest pressed one of a message's choices: that message's buttons are done. */
  function choose(entry, choice, byKeyboard) {
    if (entry.used) return;
    entry.used = true;
    entry.picked = choice.action;
    refreshChoices(entry);
    // A disabled button drops the focus: keyboard users continue from the text box. A tap leaves
    // the focus alone, so a phone does not pop up its keyboard.
    if (byKeyboard) input.focus();
    const said = add({ from: 'guest', text: choice.label }); // saves the used choice too
    send({ action: choice.action }, () => {
      entry.used = false;
      entry.picked = undefined;
      refreshChoices(entry);
      remove(said);
    });
  }

  /** Queues one message to the server; `undo` takes back what the page showed if it never arrived. */
  function send(message, undo) {
    setWaiting(+1);
    queue = queue
      .then(() => post(message))
      .then((problem) => {
        if (problem) {
          if (undo) undo();
          errorBox.textContent = problem;
        }
      })
      .finally(() => setWaiting(-1));
  }

  /** Sends one message and shows the replies; resolves to the sentence for the guest when it failed. */
  async function post(message) {
    let response;
    try {
      response = await fetch('api/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(conversationId ? { conversationId } : {}), ...message, languages: browserLanguages }),
      });
    } catch {
      return texts.failed;
    }
    const body = await response.json().catch(() => undefined);
    if (response.status === 429) return texts.rateLimited;
    if (!response.ok || !body || !Array.isArray(body.replies)) return texts.failed;
    errorBox.textContent = '';
    if (body.conversationId !== conversationId) {
      conversationId = body.conversationId;
      storage.set(KEY_ID, conversationId);
      storage.set(KEY_PENDING_AFTER, '0');
    }
    if (useLanguage(body.language)) storage.set(KEY_LANGUAGE, body.language);
    showReplies(body.replies);
    return undefined;
  }

  /** Adds the bot's replies to the conversation and scrolls to the first. */
  function showReplies(replies) {
    let first;
    for (const reply of replies) {
      const entry = add({
        from: 'bot',
        text: String(reply.text),
        choices: Array.isArray(reply.choices) ? reply.choices : undefined,
        links: Array.isArray(reply.links) ? reply.links : undefined,
      });
      first = first || entry;
    }
    if (first) scrollToShow(elements.get(first));
  }

  /**
   * Asks for messages sent while the page was closed, in turn with the guest's own messages. The id
   * of the last one shown goes with the next request, which lets the server forget those.
   */
  function fetchPending() {
    if (!conversationId) return;
    queue = queue.then(async () => {
      const after = Number(storage.get(KEY_PENDING_AFTER) || 0);
      let body;
      try {
        const url = `api/messages/pending?conversationId=${encodeURIComponent(conversationId)}&after=${after}`;
        const response = await fetch(url, { headers: { accept: 'application/json' } });
        body = response.ok ? await response.json() : undefined;
      } catch {
        return; // Tried again at the next poll.
      }
      if (!body || !Array.isArray(body.messages) || body.messages.length === 0) return;
      let last = after;
      for (const message of body.messages) {
        if (!(Number(message.id) > last) || !Array.isArray(message.replies)) continue;
        showReplies(message.replies);
        last = Number(message.id);
      }
      storage.set(KEY_PENDING_AFTER, String(last));
    });
  }

  /** Shows the page's own labels in `language` when the page has them; false when it has not. */
  function useLanguage(language) {
    if (typeof language !== 'string' || !Object.hasOwn(settings.labels, language)) return false;
    texts = settings.labels[language];
    document.documentElement.lang = language;
    document.querySelector('.tagline').textContent = texts.tagline;
    log.setAttribute('aria-label', texts.logLabel);
    typing.querySelector('.typing-text').textContent = texts.typing;
    document.querySelector('label[for="message"]').textContent = texts.inputLabel;
    input.placeholder = texts.inputPlaceholder;
    form.querySelector('button[type="submit"]').textContent = texts.send;
    return true;
  }

  /** The browser's languages, most wanted first, as the server reads them (a few short tags). */
  function readBrowserLanguages() {
    const list = Array.isArray(window.navigator.languages) && window.navigator.languages.length > 0 ? window.navigator.languages : [window.navigator.language];
    return list.filter((tag) => typeof tag === 'string' && tag !== '').slice(0, 10);
  }

  function add(entry) {
    transcript.push(entry);
    if (transcript.length > KEPT_ENTRIES) transcript.splice(0, transcript.length - KEPT_ENTRIES).forEach(forget);
    save();
    show(entry);
    scrollToEnd();
    return entry;
  }

  function remove(entry) {
    const at = transcript.indexOf(entry);
    if (at >= 0) transcript.splice(at, 1);
    forget(entry);
    save();
  }

  function forget(entry) {
    const element = elements.get(entry);
    if (element) element.remove();
    elements.delete(entry);
  }

  /** Adds one message to the log. */
  function show(entry) {
    const message = document.createElement('div');
    message.className = `message ${entry.from === 'guest' ? 'guest' : 'bot'}`;
    const bubble = document.createElement('p');
    bubble.className = 'bubble';
    const who = document.createElement('span');
    who.className = 'visually-hidden';
    who.textContent = `${entry.from === 'guest' ? texts.you : settings.spaName}: `;
    bubble.append(who, document.createTextNode(entry.text));
    message.append(bubble);
    for (const link of entry.links || []) {
      // Only the server's own downloads: a link is never taken from guest text.
      if (typeof link.href !== 'string' || !link.href.startsWith('api/bookings/')) continue;
      const anchor = document.createElement('a');
      anchor.className = 'link';
      anchor.href = link.href;
      anchor.setAttribute('download', '');
      anchor.textContent = String(link.label);
      message.append(anchor);
    }
    if (entry.choices && entry.choices.length > 0) {
      const choices = document.createElement('div');
      choices.className = 'choices';
      for (const choice of entry.choices) {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = choice.label;
        button.dataset.action = choice.action;
        // A click with no pointer (detail 0) came from Enter or Space.
        button.addEventListener('click', (event) => choose(entry, choice, event.detail === 0));
        choices.append(button);
      }
      message.append(choices);
    }
    elements.set(entry, message);
    log.append(message);
    refreshChoices(entry);
  }

  function refreshChoices(entry) {
    const element = elements.get(entry);
    if (!element) return;
    for (const button of element.querySelectorAll('.choices button')) {
      button.disabled = Boolean(entry.used);
      button.classList.toggle('picked', Boolean(entry.used) && button.dataset.action === entry.picked);
    }
  }

  function setWaiting(change) {
    waiting += change;
    typing.hidden = waiting === 0;
    if (waiting > 0) scrollToEnd();
  }

  function scrollToEnd() {
    conversation.scrollTop = conversation.scrollHeight;
  }

  /** Scrolls to the end, but never past the top of the first new reply, so long answers are read from the start. */
  function scrollToShow(element) {
    conversation.scrollTop = Math.min(conversation.scrollHeight, element.offsetTop - 12);
  }

  function save() {
    storage.set(KEY_TRANSCRIPT, JSON.stringify(transcript));
  }

  function readTranscript() {
    try {
      const entries = JSON.parse(storage.get(KEY_TRANSCRIPT) || '[]');
      return Array.isArray(entries) ? entries.filter((e) => e && typeof e.text === 'string' && (e.from === 'guest' || e.from === 'bot')) : [];
    } catch {
      return [];
    }
  }

  /** localStorage, or memory when the browser refuses it (private modes, blocked third-party storage). */
  function openStorage() {
    const memory = new Map();
    const get = (key) => {
      try {
        return window.localStorage.getItem(key);
      } catch {
        return memory.has(key) ? memory.get(key) : null;
      }
    };
    const set = (key, value) => {
      try {
        window.localStorage.setItem(key, value);
      } catch {
        memory.set(key, value);
      }
    };
    return { get, set };
  }
})();
