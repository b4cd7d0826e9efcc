// The web chat page's live connection: messages sent outside a reply (a staff answer, a reminder)
// arrive through an event stream (GET api/messages/stream) the moment they are sent. Loaded before
// chat.js, which starts it through window.spaConciergeChat.
//
// A stream that drops is opened again after a pause that doubles with each failure (with some chance
// in it, so that pages do not all come back at the same moment after a restart), and the page says
// so: a status line while the connection is lost, and a word when it is back. Whenever no stream is
// open (EventSource missing, a proxy that refuses streams, a dropped connection), the page asks for
// waiting messages the plain way every few seconds instead. Both carry the id of the last message
// shown, so a message is shown once, whichever way it came.
(function () {
  'use strict';

  const RETRY_STEPS_MS = [1000, 2000, 4000, 8000, 15000, 30000];
  const BACK_SHOWN_MS = 4000;

  /**
   * Starts listening for the conversation's messages. `options`: conversationId() (undefined until
   * the server issued one), lastShownId(), onMessage({ id, replies }), fetchPending() resolving to
   * whether the server answered, pollMs, and setStatus('lost' | 'back' | '').
   */
  function startLiveMessages(options) {
    const canStream = typeof window.EventSource === 'function';
    let source;
    let open = false;
    let failures = 0;
    let retryTimer;
    let backTimer;
    let lost = false;

    function connect() {
      window.clearTimeout(retryTimer);
      const conversationId = options.conversationId();
      if (!canStream || !conversationId) return;
      if (source) source.close();
      const url = `api/messages/stream?conversationId=${encodeURIComponent(conversationId)}&after=${options.lastShownId()}`;
      const stream = new window.EventSource(url);
      source = stream;
      open = false;
      showState('connecting');
      stream.onopen = () => {
        if (source !== stream) return;
        open = true;
        failures = 0;
        showState('open');
        markBack();
      };
      stream.onmessage = (event) => {
        if (source !== stream) return;
        let message;
        try {
          message = JSON.parse(event.data);
        } catch {
          return;
        }
        if (message && Array.isArray(message.replies)) options.onMessage(message);
      };
      // The browser would retry on its own at a fixed pace, and never after an error status: the
      // page retries itself, with back-off.
      stream.onerror = () => {
        if (source !== stream) return;
        stream.close();
        source = undefined;
        const wasOpen = open;
        open = false;
        failures += 1;
        showState('retrying');
        if (wasOpen) markLost();
        // Whatever the stream would have brought is asked for at once, then at each poll until it is back.
        if (failures === 1) void poll();
        retryTimer = window.setTimeout(connect, retryDelay(failures));
      };
    }

    /** The connection's state on the page's root element (data-live), for anyone inspecting the page. */
    function showState(state) {
      document.documentElement.dataset.live = state;
    }

    function retryDelay(failureCount) {
      const step = RETRY_STEPS_MS[Math.min(failureCount, RETRY_STEPS_MS.length) - 1];
      return step / 2 + Math.random() * (step / 2);
    }

    async function poll() {
      if (open || !options.conversationId()) return;
      const answered = await options.fetchPending();
      if (open) return;
      if (answered) markBack();
      else markLost();
    }

    function markLost() {
      window.clearTimeout(backTimer);
      lost = true;
      options.setStatus('lost');
    }

    function markBack() {
      if (!lost) return;
      lost = false;
      options.setStatus('back');
      window.clearTimeout(backTimer);
      backTimer = window.setTimeout(() => {
        if (!lost) options.setStatus('');
      }, BACK_SHOWN_MS);
    }

    /** Tries again at once, without waiting out the back-off (the network or the tab is back). */
    function reconnectNow() {
      if (open || !canStream) return;
      failures = 0;
      connect();
    }

    window.setInterval(() => void poll(), options.pollMs);
    window.addEventListener('online', reconnectNow);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') reconnectNow();
    });
    if (canStream) connect();
    else {
      showState('polling');
      void poll();
    }

    return {
      /** Streams the conversation anew (the server issued another id). */
      restart() {
        open = false;
        failures = 0;
        if (canStream) connect();
      },
    };
  }

  window.spaConciergeChat = Object.assign(window.spaConciergeChat || {}, { startLiveMessages });
})();
