// The open alert queue: SOS on top, newest first within a kind; a tone when a new alert arrives; acknowledge and
// resolve call the alert API as the signed-in dispatcher.

import { t } from './i18n.js';
import { alertTone } from './sound.js';

const KIND_ORDER = (alert) => (alert.kind === 'SOS' ? 0 : 1);

export function sortQueue(alerts) {
  return [...alerts].sort((a, b) => KIND_ORDER(a) - KIND_ORDER(b) || b.raisedAt.localeCompare(a.raisedAt));
}

export class AlertQueue {
  constructor(list, { onAcknowledge, onResolve, onSelect }) {
    this.list = list;
    this.actions = { onAcknowledge, onResolve, onSelect };
    this.alerts = [];
    this.known = null; // ids seen so far; null until the first queue arrived (no tone for what was already open)
    this.rendered = new Map(); // alert id -> { signature, element }: unchanged items are kept, not rebuilt
    this.firstShown = new Map(); // alert id -> when this page first showed it (epoch ms), for response-time checks
  }

  update(alerts) {
    const sorted = sortQueue(alerts);
    if (this.known !== null) {
      const fresh = sorted.filter((alert) => !this.known.has(alert.id));
      if (fresh.length > 0) alertTone(fresh.some((alert) => alert.kind === 'SOS'));
    }
    this.known = new Set(sorted.map((alert) => alert.id));
    this.alerts = sorted;
    this.render();
  }

  /**
   * Shows the queue. An item whose alert did not change keeps its element, so a button the dispatcher is about to
   * press does not vanish under the pointer because another alert changed.
   */
  render(rebuildAll = false) {
    if (this.alerts.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = t('noAlerts');
      this.list.replaceChildren(empty);
      this.rendered.clear();
      return;
    }
    const next = new Map();
    const elements = this.alerts.map((alert) => {
      const signature = `${alert.state}|${alert.raisedAt}|${alert.triggerCount}|${JSON.stringify(alert.position)}`;
      const kept = this.rendered.get(alert.id);
      const element = !rebuildAll && kept && kept.signature === signature ? kept.element : this.item(alert);
      next.set(alert.id, { signature, element });
      return element;
    });
    this.rendered = next;
    const current = Array.from(this.list.children);
    if (current.length !== elements.length || current.some((element, i) => element !== elements[i])) {
      this.list.replaceChildren(...elements);
    }
  }

  item(alert) {
    const li = document.createElement('li');
    li.className = `alert ${alert.kind === 'SOS' ? 'sos' : 'zone'} state-${alert.state.toLowerCase()}`;
    li.dataset.alertId = alert.id;
    li.dataset.state = alert.state;
    if (!this.firstShown.has(alert.id)) this.firstShown.set(alert.id, Date.now());
    li.dataset.firstShown = String(this.firstShown.get(alert.id));

    const head = document.createElement('div');
    head.className = 'alert-head';
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = t(`kind_${alert.kind}`);
    const state = document.createElement('span');
    state.className = 'state';
    state.textContent = t(`state_${alert.state}`);
    head.append(kind, state);

    const who = document.createElement('div');
    who.className = 'who';
    who.textContent = alert.child;
    who.addEventListener('click', () => this.actions.onSelect(alert));

    const when = document.createElement('div');
    when.className = 'when';
    const minutes = Math.floor((Date.now() - Date.parse(alert.raisedAt)) / 60000);
    let where = alert.position
      ? `${alert.position.lat.toFixed(5)}, ${alert.position.lon.toFixed(5)} ±${alert.position.accuracyMetres} m`
      : t('noPosition');
    if (alert.position && alert.position.lastKnown) where += ` (${t('lastKnown')})`;
    when.textContent = `${t('raisedAgo', Math.max(0, minutes))} · ${where}`;

    const buttons = document.createElement('div');
    buttons.className = 'buttons';
    if (alert.state !== 'ACKNOWLEDGED') {
      buttons.append(button('acknowledge', t('acknowledge'), () => this.actions.onAcknowledge(alert)));
    }
    buttons.append(button('resolve', t('resolve'), () => this.actions.onResolve(alert)));

    li.append(head, who, when, buttons);
    return li;
  }
}

function button(className, label, action) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = label;
  element.addEventListener('click', async () => {
    element.disabled = true;
    try {
      await action();
    } finally {
      element.disabled = false;
    }
  });
  return element;
}
