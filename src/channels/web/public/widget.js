// The chat bubble for the spa's own website. One tag adds it:
//   <script src="https://chat.example.com/widget.js" async></script>
// It puts a round button in the bottom-right corner that opens the chat page (served next to this
// script) in a panel. Everything lives in a shadow root, so the site's styles and this one's never
// mix, and styles are set through the CSSOM, which a site's Content-Security-Policy allows.
(function () {
  'use strict';

  const settings = /* settings */ {};
  const script = document.currentScript;
  if (!script || !script.src || document.querySelector('[data-spa-concierge-widget]')) return;
  const chatUrl = new URL('./', script.src).href;
  const SVG = 'http://www.w3.org/2000/svg';
  const ICON_CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';
  const ICON_CLOSE = 'M6 6l12 12M18 6L6 18';

  const host = document.createElement('div');
  host.dataset.spaConciergeWidget = '';
  const root = host.attachShadow({ mode: 'open' });

  const panel = document.createElement('div');
  panel.id = 'spa-concierge-panel';
  Object.assign(panel.style, {
    position: 'fixed',
    right: '16px',
    bottom: '88px',
    width: 'min(380px, calc(100vw - 32px))',
    height: 'min(640px, calc(100vh - 112px))',
    borderRadius: '16px',
    overflow: 'hidden',
    boxShadow: '0 12px 40px rgba(0, 0, 0, 0.25)',
    background: '#fbf9f6',
    zIndex: '2147483000',
    display: 'none',
  });

  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-controls', panel.id);
  Object.assign(button.style, {
    position: 'fixed',
    right: '16px',
    bottom: '16px',
    width: '60px',
    height: '60px',
    margin: '0',
    padding: '0',
    border: '0',
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

  function render() {
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? settings.closeLabel : settings.openLabel);
    button.title = open ? settings.closeLabel : settings.openLabel;
    path.setAttribute('d', open ? ICON_CLOSE : ICON_CHAT);
    path.setAttribute('fill', open ? 'none' : 'currentColor');
    panel.style.display = open ? 'block' : 'none';
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

  button.addEventListener('click', toggle);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && open) {
      toggle();
      button.focus();
    }
  });

  render();
  root.append(panel, button);
  // The tag may sit in <head>, before there is a body to add the bubble to.
  if (document.body) document.body.append(host);
  else document.addEventListener('DOMContentLoaded', () => document.body.append(host));
})();
