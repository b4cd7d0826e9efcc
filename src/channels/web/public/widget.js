// The chat bubble for the spa's own website. One tag adds it:
//   <script src="https://chat.example.com/widget.js" async></script>
// It puts a round button in the bottom-right corner that opens the chat page (served next to this
// script) in a panel; on a phone the panel takes the whole screen and the button, now a close button,
// moves to its top-right corner, and the site behind it is inert, so the keyboard and a screen reader
// stay in the chat. Escape closes the chat (in the chat's own frame too, which asks by a message) and
// the focus goes back to the button. Everything lives in a shadow root, so the site's
// styles and this one's never mix, and styles are set through the CSSOM, which a site's
// Content-Security-Policy allows.
(function () {
  'use strict';

  const settings = /* settings */ {};
  const script = document.currentScript;
  if (!script || !script.src || document.querySelector('[data-spa-concierge-widget]')) return;
  const chatUrl = new URL('./', script.src).href;
  const chatOrigin = new URL(chatUrl).origin;
  const SVG = 'http://www.w3.org/2000/svg';
  const ICON_CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
  const ICON_CLOSE = 'M6 6l12 12M18 6L6 18';
  // Phones, upright or on their side: the chat is too cramped in a corner panel there.
  const phone = window.matchMedia('(max-width: 520px), (max-height: 520px)');

  const host = document.createElement('div');
  host.dataset.spaConciergeWidget = '';
  const root = host.attachShadow({ mode: 'open' });

  const panel = document.createElement('div');
  panel.id = 'spa-concierge-panel';
  const PANEL_CORNER = {
    top: 'auto',
    left: 'auto',
    right: '16px',
    bottom: '88px',
    width: 'min(380px, calc(100vw - 32px))',
    height: 'min(640px, calc(100vh - 112px))',
    borderRadius: '16px',
  };
  const PANEL_FULL = { top: '0', left: '0', right: '0', bottom: '0', width: 'auto', height: 'auto', borderRadius: '0' };
  Object.assign(panel.style, {
    position: 'fixed',
    overflow: 'hidden',
    boxShadow: '0 12px 40px rgba(0, 0, 0, 0.25)',
    background: '#fbf9f6',
    zIndex: '2147483000',
    display: 'none',
  });

  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-controls', panel.id);
  // The white ring keeps the button apart from any site's colours, and from the chat's own header.
  const BUTTON_CORNER = { top: 'auto', right: '16px', bottom: '16px', width: '60px', height: '60px' };
  const BUTTON_FULL = { top: '8px', right: '8px', bottom: 'auto', width: '48px', height: '48px' };
  Object.assign(button.style, {
    position: 'fixed',
    margin: '0',
    padding: '0',
    border: '2px solid #fff',
    borderRadius: '50%',
    background: '#2f5d57',
    color: '#fff',
    boxShadow: '0 6px 20px rgba(0, 0, 0, 0.25)',
    cursor: 'pointer',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    zIndex: '2147483001',
  });
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('width', '28');
  icon.setAttribute('height', '28');
  icon.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2');
  path.setAttribute('stroke-linecap', 'round');
  path.setAttribute('stroke-linejoin', 'round');
  icon.append(path);
  button.append(icon);

  let frame;
  let open = false;
  // The site's own scrolling, put back when the full-screen chat closes.
  let siteOverflow;
  // The site's parts made inert behind the full-screen chat (those already inert are left as they were).
  let madeInert = [];

  /** Behind a full-screen chat, the rest of the site takes no focus and no clicks, as behind a dialog. */
  function setSiteInert(inert) {
    if (inert && madeInert.length === 0) {
      madeInert = [...document.body.children].filter((el) => el !== host && !el.inert);
      for (const el of madeInert) el.inert = true;
    } else if (!inert) {
      for (const el of madeInert) el.inert = false;
      madeInert = [];
    }
  }

  function render() {
    const fullScreen = open && phone.matches;
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? settings.closeLabel : settings.openLabel);
    button.title = open ? settings.closeLabel : settings.openLabel;
    path.setAttribute('d', open ? ICON_CLOSE : ICON_CHAT);
    path.setAttribute('fill', open ? 'none' : 'currentColor');
    Object.assign(panel.style, fullScreen ? PANEL_FULL : PANEL_CORNER, { display: open ? 'block' : 'none' });
    Object.assign(button.style, fullScreen ? BUTTON_FULL : BUTTON_CORNER);
    if (fullScreen) {
      panel.setAttribute('role', 'dialog');
      panel.setAttribute('aria-modal', 'true');
      panel.setAttribute('aria-label', settings.title);
    } else {
      panel.removeAttribute('role');
      panel.removeAttribute('aria-modal');
      panel.removeAttribute('aria-label');
    }
    setSiteInert(fullScreen);
    // Behind a full-screen chat the site must not scroll under the guest's finger.
    if (fullScreen && siteOverflow === undefined) {
      siteOverflow = document.documentElement.style.overflow;
      document.documentElement.style.overflow = 'hidden';
    } else if (!fullScreen && siteOverflow !== undefined) {
      document.documentElement.style.overflow = siteOverflow;
      siteOverflow = undefined;
    }
  }

  function toggle() {
    open = !open;
    // The chat loads on first open, so a page that never opens it never loads it.
    if (open && !frame) {
      frame = document.createElement('iframe');
      frame.src = chatUrl;
      frame.title = settings.title;
      Object.assign(frame.style, { width: '100%', height: '100%', border: '0', display: 'block' });
      panel.append(frame);
    }
    render();
    if (open) frame.focus();
  }

  /** Closes the chat and gives the focus back to the button, where the guest opened it. */
  function close() {
    if (!open) return;
    toggle();
    button.focus();
  }

  button.addEventListener('click', toggle);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  // Escape pressed inside the chat's frame, which this page's listener does not hear.
  window.addEventListener('message', (event) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== chatOrigin) return;
    if (event.data && event.data.type === 'spa-concierge:close') close();
  });
  phone.addEventListener('change', render);

  render();
  root.append(panel, button);
  // The tag may sit in <head>, before there is a body to add the bubble to.
  if (document.body) document.body.append(host);
  else document.addEventListener('DOMContentLoaded', () => document.body.append(host));
})();
