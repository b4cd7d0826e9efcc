// How one message of the web chat looks: its bubble, the time it was shown, its links and its choices.
// Guest and bot text is only ever set with textContent, never parsed as HTML. Loaded before chat.js,
// which takes these functions from window.spaConciergeChat.
//
// Choices may come in groups (a day's free times under "Morning", "Afternoon", "Evening"): each group
// gets a small heading and its buttons wrap in rows; choices without a group follow in a row of their
// own. A choice marked primary (Confirm) is drawn as the main button.
(function () {
  'use strict';

  let groupIds = 0;

  /** "15:04": the guest's own clock, as the message was shown. */
  function clockTime(at) {
    const date = new Date(at);
    const pad = (n) => String(n).padStart(2, '0');
    return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }

  /**
   * The element of one entry ({ from, text, at?, choices?, links? }). `speaker` is the name read out
   * before the text; `onChoose(choice, byKeyboard)` is called when a choice is pressed.
   */
  function renderMessage(entry, speaker, onChoose) {
    const message = document.createElement('div');
    message.className = `message ${entry.from === 'guest' ? 'guest' : 'bot'}`;
    const bubble = document.createElement('p');
    bubble.className = 'bubble';
    const who = document.createElement('span');
    who.className = 'visually-hidden';
    who.textContent = `${speaker}: `;
    bubble.append(who, document.createTextNode(entry.text));
    message.append(bubble);
    if (typeof entry.at === 'number' && Number.isFinite(entry.at)) {
      const time = document.createElement('time');
      time.className = 'time';
      time.dateTime = new Date(entry.at).toISOString();
      time.textContent = clockTime(entry.at);
      message.append(time);
    }
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
    if (entry.choices && entry.choices.length > 0) message.append(renderChoices(entry.choices, onChoose));
    return message;
  }

  /** The choices in rows: one per group, under the group's heading, and one for each run of choices without a group. */
  function renderChoices(choices, onChoose) {
    const container = document.createElement('div');
    container.className = 'choices';
    let row;
    let rowGroup;
    for (const choice of choices) {
      const group = typeof choice.group === 'string' && choice.group !== '' ? choice.group : undefined;
      if (!row || group !== rowGroup) {
        row = document.createElement('div');
        row.className = 'choice-row';
        rowGroup = group;
        container.append(group ? groupSection(group, row) : row);
      }
      row.append(choiceButton(choice, Boolean(group), onChoose));
    }
    return container;
  }

  /** A group of choices a screen reader announces by its heading. */
  function groupSection(name, row) {
    const section = document.createElement('div');
    section.className = 'choice-group';
    section.setAttribute('role', 'group');
    const heading = document.createElement('p');
    heading.className = 'choice-group-name';
    heading.id = `choice-group-${++groupIds}`;
    heading.textContent = name;
    section.setAttribute('aria-labelledby', heading.id);
    section.append(heading, row);
    return section;
  }

  function choiceButton(choice, compact, onChoose) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = String(choice.label);
    button.dataset.action = String(choice.action);
    if (compact) button.classList.add('compact');
    if (choice.primary === true) button.classList.add('primary');
    // A click with no pointer (detail 0) came from Enter or Space.
    button.addEventListener('click', (event) => onChoose(choice, event.detail === 0));
    return button;
  }

  /**
   * Enables or disables a message's buttons: disabled once used (the picked one marked), or once the
   * conversation has moved on. A button that had the keyboard's focus hands it to `fallbackFocus`.
   */
  function setChoicesState(element, entry, movedOn, fallbackFocus) {
    const done = Boolean(entry.used) || movedOn;
    for (const button of element.querySelectorAll('.choices button')) {
      const hadKeyboardFocus = done && !button.disabled && document.activeElement === button && focusIsVisible(button);
      button.disabled = done;
      button.classList.toggle('picked', Boolean(entry.used) && button.dataset.action === entry.picked);
      if (hadKeyboardFocus) fallbackFocus.focus();
    }
  }

  /** Whether the focus ring shows (keyboard use); older browsers without :focus-visible count as yes. */
  function focusIsVisible(element) {
    try {
      return element.matches(':focus-visible');
    } catch {
      return true;
    }
  }

  window.spaConciergeChat = Object.assign(window.spaConciergeChat || {}, { renderMessage, setChoicesState, clockTime });
})();
