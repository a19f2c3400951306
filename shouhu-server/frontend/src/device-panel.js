// The panel for one child: battery and worn status, the last hour's track, and playback of any time range.

import { api } from './api.js';
import { t } from './i18n.js';

const SPEEDS = [10, 60, 300];

export class DevicePanel {
  constructor(element, mapView, { onError }) {
    this.element = element;
    this.mapView = mapView;
    this.onError = onError;
    this.deviceId = null;
    this.status = null;
    this.playback = null;
    element.querySelector('.close').addEventListener('click', () => this.hide());
    element.querySelector('.last-hour').addEventListener('click', () => this.loadLastHour());
    element.querySelector('.load-range').addEventListener('click', () => this.loadRange());
    element.querySelector('.play').addEventListener('click', () => this.togglePlay());
    element.querySelector('.scrubber').addEventListener('input', (event) => this.seek(Number(event.target.value)));
    const speed = element.querySelector('.speed');
    SPEEDS.forEach((value) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = `×${value}`;
      speed.append(option);
    });
    speed.value = '60';
  }

  async show(deviceId) {
    this.stop();
    this.deviceId = deviceId;
    this.element.hidden = false;
    this.element.dataset.device = deviceId;
    const now = new Date();
    this.element.querySelector('.range-to').value = localInput(now);
    this.element.querySelector('.range-from').value = localInput(new Date(now.getTime() - 3600_000));
    try {
      this.status = await api.device(deviceId);
      this.renderStatus();
      await this.loadLastHour();
    } catch (error) {
      this.onError(error);
    }
  }

  hide() {
    this.stop();
    this.element.hidden = true;
    this.deviceId = null;
    this.mapView.clearTrack();
  }

  /** A live update of the selected child refreshes the panel without a request. */
  liveUpdate(device) {
    if (!this.status || device.id !== this.deviceId) return;
    Object.assign(this.status, { lat: device.lat, lon: device.lon, fix: device.fix, battery: device.battery,
      worn: device.worn, charging: device.charging });
    this.renderStatus();
  }

  renderStatus() {
    const s = this.status;
    if (!s) return;
    this.element.querySelector('.name').textContent = s.name || s.id;
    this.element.querySelector('.imei').textContent = s.id;
    this.element.querySelector('.battery').textContent = s.battery == null || s.battery < 0
      ? t('unknown') : `${s.battery}%${s.charging ? ` · ${t('charging')}` : ''}`;
    this.element.querySelector('.worn').textContent = s.worn == null ? t('unknown')
      : (s.worn ? t('wornYes') : t('wornNo'));
    this.element.querySelector('.worn').className = `worn ${s.worn === false ? 'warning' : ''}`;
    this.element.querySelector('.last-fix').textContent = s.fix
      ? `${new Date(s.fix).toLocaleString()} · ${s.lat.toFixed(5)}, ${s.lon.toFixed(5)}` : t('noPosition');
  }

  async loadLastHour() {
    const to = new Date();
    await this.load(new Date(to.getTime() - 3600_000), to);
  }

  async loadRange() {
    const from = new Date(this.element.querySelector('.range-from').value);
    const to = new Date(this.element.querySelector('.range-to').value);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return;
    await this.load(from, to);
  }

  async load(from, to) {
    this.stop();
    const id = this.deviceId;
    try {
      const feature = await api.track(id, from, to);
      if (id !== this.deviceId) return;
      const times = feature.properties.times.map((time) => Date.parse(time));
      const cursor = this.mapView.showTrack(feature);
      const info = this.element.querySelector('.track-info');
      info.textContent = times.length === 0 ? t('noTrack') : t('points', times.length);
      this.playback = cursor ? { feature, times, cursor, at: times[0], timer: null } : null;
      const scrubber = this.element.querySelector('.scrubber');
      scrubber.disabled = !this.playback;
      scrubber.value = 1000;
      if (this.playback) this.seek(1000);
    } catch (error) {
      this.onError(error);
    }
  }

  togglePlay() {
    if (!this.playback) return;
    if (this.playback.timer) {
      this.stop();
      return;
    }
    const { times } = this.playback;
    if (this.playback.at >= times[times.length - 1]) this.playback.at = times[0];
    this.element.querySelector('.play').textContent = t('pause');
    let last = performance.now();
    const step = (now) => {
      if (!this.playback || !this.playback.timer) return;
      const speed = Number(this.element.querySelector('.speed').value);
      this.playback.at += (now - last) * speed;
      last = now;
      const end = times[times.length - 1];
      if (this.playback.at >= end) {
        this.placeAt(end);
        this.stop();
        return;
      }
      this.placeAt(this.playback.at);
      this.playback.timer = requestAnimationFrame(step);
    };
    this.playback.timer = requestAnimationFrame(step);
  }

  stop() {
    if (this.playback && this.playback.timer) {
      cancelAnimationFrame(this.playback.timer);
      this.playback.timer = null;
    }
    const play = this.element.querySelector('.play');
    if (play) play.textContent = t('play');
  }

  seek(permille) {
    if (!this.playback) return;
    const { times } = this.playback;
    const at = times[0] + ((times[times.length - 1] - times[0]) * permille) / 1000;
    this.playback.at = at;
    this.placeAt(at);
  }

  /** Puts the playback cursor where the child was at `at`, between the two fixes around it. */
  placeAt(at) {
    const { feature, times, cursor } = this.playback;
    const coordinates = feature.geometry.type === 'Point' ? [feature.geometry.coordinates]
      : feature.geometry.coordinates;
    let i = 0;
    while (i < times.length - 1 && times[i + 1] <= at) i += 1;
    let [lon, lat] = coordinates[i];
    if (i < times.length - 1 && times[i + 1] > times[i]) {
      const f = Math.min(1, Math.max(0, (at - times[i]) / (times[i + 1] - times[i])));
      lon += (coordinates[i + 1][0] - lon) * f;
      lat += (coordinates[i + 1][1] - lat) * f;
    }
    cursor.setLatLng([lat, lon]);
    const span = times[times.length - 1] - times[0];
    this.element.querySelector('.scrubber').value = span > 0 ? Math.round(((at - times[0]) / span) * 1000) : 1000;
    this.element.querySelector('.playback-time').textContent = new Date(at).toLocaleString();
    const battery = feature.properties.battery[i];
    this.element.querySelector('.playback-battery').textContent = battery >= 0 ? `${battery}%` : '';
  }
}

function localInput(date) {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}
