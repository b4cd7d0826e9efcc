// The web chat page's memory in the browser: localStorage, or this page's memory where the browser
// refuses it (private modes, blocked third-party storage in the widget's frame). Loaded before chat.js,
// which takes it from window.spaConciergeChat.
(function () {
  'use strict';

  /** localStorage's get and set, falling back to memory. */
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

  /** The kept transcript under `key`: only entries with a text from the guest or the bot. */
  function readTranscript(storage, key) {
    try {
      const entries = JSON.parse(storage.get(key) || '[]');
      return Array.isArray(entries) ? entries.filter((e) => e && typeof e.text === 'string' && (e.from === 'guest' || e.from === 'bot')) : [];
    } catch {
      return [];
    }
  }

  window.spaConciergeChat = Object.assign(window.spaConciergeChat || {}, { openStorage, readTranscript });
})();
