// The web chat page's script: sends what the guest types or picks to POST api/messages and shows the
// replies. Guest and bot text is only ever set with textContent, never parsed as HTML.
// The conversation id and the transcript (with the time each message was shown) are kept in
// localStorage, so a reload shows the conversation and continues it (the server keeps the dialogue
// state under that id). Messages sent outside a reply (a reminder, a staff answer) arrive live
// (chat-live.js); messages look as chat-messages.js draws them.
// Languages: every message carries the browser's languages (and its time zone); the server served the
// page in the first one the bot speaks, with every language's labels, and each answer names the
// conversation's language, which the page's labels then follow (and which is kept for a reload).
(function () {
  'use strict';

  const { openStorage, readTranscript, renderMessage, setChoicesState, startLiveMessages } = window.spaConciergeChat;
  const settings = JSON.parse(document.getElementById('chat-settings').textContent);
  let texts = settings.labels[settings.language];
  // What the status line says ('lost', 'back' or ''), kept to say it again in another language.
  let statusKind = '';
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
  const status = document.getElementById('status');
  const errorBox = document.getElementById('error');
  const form = document.getElementById('composer');
  const input = document.getElementById('message');
  const browserLanguages = readBrowserLanguages();
  const timeZone = readTimeZone();

  const storage = openStorage();
  const storedId = storage.get(KEY_ID);
  let conversationId = storedId && CONVERSATION_ID.test(storedId) ? storedId : undefined;
  /** Entries: { from: 'guest' | 'bot', text, at?, choices?: [{ label, action, group?, primary? }], links?: [{ label, href }], used?, picked?, waiting? } (waiting: "conversation:id" of a message sent outside a reply). */
  const transcript = conversationId ? readTranscript(storage, KEY_TRANSCRIPT) : [];
  if (conversationId) useLanguage(storage.get(KEY_LANGUAGE));
  const elements = new Map();
  // Messages go out one at a time, in order, like a conversation.
  let queue = Promise.resolve();
  let waiting = 0;

  if (window.parent !== window) embedInWidget();
  for (const entry of transcript) show(entry);
  refreshChoices();
  scrollToEnd();
  if (transcript.length === 0) send({ action: settings.greetingAction });
  const live = startLiveMessages({
    conversationId: () => conversationId,
    lastShownId,
    onMessage: showWaiting,
    fetchPending,
    pollMs: settings.pendingPollMs,
    setStatus,
  });

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
    // A disabled button drops the focus: keyboard users continue from the text box. A tap leaves
    // the focus alone, so a phone does not pop up its keyboard.
    if (byKeyboard) input.focus();
    const said = add({ from: 'guest', text: choice.label }); // saves the used choice too
    send({ action: choice.action }, () => {
      entry.used = false;
      entry.picked = undefined;
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
        body: JSON.stringify({ ...(conversationId ? { conversationId } : {}), ...message, languages: browserLanguages, ...(timeZone ? { timeZone } : {}) }),
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
      live.restart();
    }
    if (useLanguage(body.language)) storage.set(KEY_LANGUAGE, body.language);
    showReplies(body.replies);
    return undefined;
  }

  /** Adds the bot's replies to the conversation and scrolls to the first; `waiting` names a message sent outside a reply. */
  function showReplies(replies, waitingKey) {
    let first;
    for (const reply of replies) {
      const entry = add({
        from: 'bot',
        text: String(reply.text),
        choices: Array.isArray(reply.choices) ? reply.choices : undefined,
        links: Array.isArray(reply.links) ? reply.links : undefined,
        ...(waitingKey ? { waiting: waitingKey } : {}),
      });
      first = first || entry;
    }
    if (first) scrollToShow(elements.get(first));
  }

  /** The id of the last waiting message shown (0 for none). */
  function lastShownId() {
    return Number(storage.get(KEY_PENDING_AFTER) || 0);
  }

  /**
   * Shows a message sent outside a reply, unless it was shown already: it may come by the stream and by
   * a poll, and the transcript, which keeps which it is, may hold it when the last id shown was not kept.
   */
  function showWaiting(message) {
    const id = Number(message.id);
    if (!(id > lastShownId()) || !Array.isArray(message.replies)) return;
    const key = `${conversationId}:${id}`;
    if (!transcript.some((entry) => entry.waiting === key)) showReplies(message.replies, key);
    storage.set(KEY_PENDING_AFTER, String(id));
  }

  /**
   * Asks for the messages waiting for the page, in turn with the guest's own messages; the id of the
   * last one shown goes with it, which lets the server forget those. Resolves to whether it was answered.
   */
  function fetchPending() {
    const asked = queue.then(async () => {
      if (!conversationId) return true;
      try {
        const url = `api/messages/pending?conversationId=${encodeURIComponent(conversationId)}&after=${lastShownId()}`;
        const response = await fetch(url, { headers: { accept: 'application/json' } });
        // A conversation the server does not know (404) is not a lost connection.
        if (!response.ok) return response.status < 500;
        const body = await response.json();
        for (const message of Array.isArray(body.messages) ? body.messages : []) showWaiting(message);
        return true;
      } catch {
        return false; // Tried again at the next poll.
      }
    });
    queue = asked.then(() => undefined);
    return asked;
  }

  /** The status line: the connection is lost, back, or nothing to say (''). */
  function setStatus(kind) {
    statusKind = kind;
    status.textContent = kind === 'lost' ? texts.reconnecting : kind === 'back' ? texts.reconnected : '';
    status.dataset.kind = kind;
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
    if (statusKind) setStatus(statusKind);
    return true;
  }

  /** In the widget's frame: room for the widget's close button, and Escape asks the widget to close. */
  function embedInWidget() {
    document.documentElement.classList.add('embedded');
    document.addEventListener('keydown', (event) => {
      // Only the widget acts on it, and only from this frame; it carries nothing of the conversation.
      if (event.key === 'Escape') window.parent.postMessage({ type: 'spa-concierge:close' }, '*');
    });
  }

  /** The browser's languages, most wanted first, as the server reads them (a few short tags). */
  function readBrowserLanguages() {
    const list = Array.isArray(window.navigator.languages) && window.navigator.languages.length > 0 ? window.navigator.languages : [window.navigator.language];
    return list.filter((tag) => typeof tag === 'string' && tag !== '').slice(0, 10);
  }

  /** The device's time zone ("Asia/Seoul"), so the bot can say times on the guest's clock too. */
  function readTimeZone() {
    try {
      const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
      return typeof zone === 'string' && zone !== '' ? zone : undefined;
    } catch {
      return undefined;
    }
  }

  function add(entry) {
    entry.at = Date.now();
    transcript.push(entry);
    if (transcript.length > KEPT_ENTRIES) transcript.splice(0, transcript.length - KEPT_ENTRIES).forEach(forget);
    save();
    show(entry);
    refreshChoices();
    scrollToEnd();
    return entry;
  }

  function remove(entry) {
    const at = transcript.indexOf(entry);
    if (at >= 0) transcript.splice(at, 1);
    forget(entry);
    save();
    refreshChoices();
  }

  function forget(entry) {
    const element = elements.get(entry);
    if (element) element.remove();
    elements.delete(entry);
  }

  /** Adds one message to the log. */
  function show(entry) {
    const element = renderMessage(entry, entry.from === 'guest' ? texts.you : settings.spaName, (choice, byKeyboard) => choose(entry, choice, byKeyboard));
    elements.set(entry, element);
    log.append(element);
  }

  /**
   * Only the latest choices can be pressed: a message's buttons go once one is used, or once the
   * conversation has moved on (the guest wrote or pressed something after it, or a newer message
   * offers choices of its own), so old buttons neither act nor stand in the keyboard's way.
   */
  function refreshChoices() {
    let movedOn = false;
    for (let i = transcript.length - 1; i >= 0; i--) {
      const entry = transcript[i];
      const offers = Array.isArray(entry.choices) && entry.choices.length > 0;
      const element = elements.get(entry);
      if (offers && element) setChoicesState(element, entry, movedOn, input);
      if (entry.from === 'guest' || offers) movedOn = true;
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
})();
