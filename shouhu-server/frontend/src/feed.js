// The live feed: server-sent events carrying coalesced positions and the open alert queue. The browser reconnects
// by itself after a dropped connection (the server drops maps that fall behind); after a refused connection we
// reopen it ourselves, and the first "positions" event after any reconnect is a full snapshot.

const RETRY_AFTER_REFUSAL_MS = 2000;

export class LiveFeed {
  constructor({ onPositions, onAlerts, onState, onRefused }) {
    this.handlers = { onPositions, onAlerts, onState, onRefused };
    this.source = null;
    this.retryTimer = null;
  }

  open() {
    this.close();
    const source = new EventSource('/api/map/live', { withCredentials: true });
    this.source = source;
    this.handlers.onState('connecting');
    source.addEventListener('open', () => this.handlers.onState('live'));
    source.addEventListener('positions', (event) => this.handlers.onPositions(JSON.parse(event.data)));
    source.addEventListener('alerts', (event) => this.handlers.onAlerts(JSON.parse(event.data).alerts));
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      this.handlers.onState('reconnecting');
      if (source.readyState === EventSource.CLOSED) {
        // Refused (e.g. the session expired) rather than dropped: ask the page, then try again.
        this.handlers.onRefused();
        this.retryTimer = setTimeout(() => this.open(), RETRY_AFTER_REFUSAL_MS);
      }
    });
  }

  close() {
    clearTimeout(this.retryTimer);
    if (this.source) {
      this.source.close();
      this.source = null;
    }
  }
}
