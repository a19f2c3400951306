// Wires the page: sign-in, the map, the live feed, the alert queue and the child panel.

import 'leaflet/dist/leaflet.css';
import './style.css';
import { api, ApiError } from './api.js';
import { applyStaticText, currentLanguage, onLanguageChange, setLanguage, t } from './i18n.js';
import { LiveFeed } from './feed.js';
import { MapView } from './map-view.js';
import { AlertQueue } from './alert-queue.js';
import { DevicePanel } from './device-panel.js';
import { setSoundEnabled, soundEnabled, unlock } from './sound.js';

const $ = (selector) => document.querySelector(selector);

const state = { session: null, alerts: [] };

const mapView = new MapView($('#map'), { onSelectDevice: (id) => panel.show(id) });
const panel = new DevicePanel($('#device-panel'), mapView, { onError: showError });
const queue = new AlertQueue($('#alert-queue'), {
  onAcknowledge: (alert) => act(() => api.acknowledge(alert.id, state.session.viewer.actor)),
  onResolve: (alert) => act(() => api.resolve(alert.id, state.session.viewer.actor)),
  onSelect: (alert) => {
    if (alert.position) mapView.focus(alert.position.lat, alert.position.lon);
    panel.show(alert.device);
  },
});
const feed = new LiveFeed({
  onPositions: (event) => {
    mapView.applyPositions(event);
    event.devices.forEach((device) => panel.liveUpdate(device));
    $('#device-count').textContent = t('devices', mapView.deviceCount());
  },
  onAlerts: (alerts) => {
    state.alerts = alerts;
    queue.update(alerts);
    mapView.showAlerts(alerts);
    $('#alert-count').textContent = String(alerts.length);
  },
  onState: (connection) => {
    const indicator = $('#connection');
    indicator.dataset.state = connection;
    indicator.textContent = connection === 'live' ? t('live') : t('reconnecting');
  },
  onRefused: () => checkSession(),
});

async function act(action) {
  try {
    await action();
    // The queue itself changes through the feed, for this map and every other one.
  } catch (error) {
    showError(error);
  }
}

function showError(error) {
  if (error instanceof ApiError && error.status === 401) {
    showSignIn();
    return;
  }
  const banner = $('#error');
  banner.textContent = t('actionFailed') + error.message;
  banner.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => { banner.hidden = true; }, 6000);
}

function showSignIn(message = '') {
  feed.close();
  $('#sign-in').hidden = false;
  $('#sign-in .message').textContent = message;
  $('#sign-in input[name=username]').focus();
}

async function checkSession() {
  try {
    await api.session();
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      showSignIn(error.status === 403 ? t('notForYou') : '');
    }
  }
}

async function start() {
  let session;
  try {
    session = await api.session();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showSignIn();
    } else if (error instanceof ApiError && error.status === 403) {
      showSignIn(t('notForYou'));
    } else {
      showError(error);
    }
    return;
  }
  state.session = session;
  $('#sign-in').hidden = true;
  $('#viewer').textContent = session.viewer.jurisdiction
    ? (session.jurisdictions.features[0] && session.jurisdictions.features[0].properties.name)
      || session.viewer.jurisdiction
    : t('allJurisdictions');
  mapView.setTiles(session.tiles);
  mapView.setJurisdictions(session.jurisdictions);
  api.zones().then((zones) => mapView.setZones(zones)).catch(() => { /* no zones visible: nothing to draw */ });
  feed.open();
  document.body.dataset.ready = 'true';
}

$('#sign-in form').addEventListener('submit', async (event) => {
  event.preventDefault();
  unlock();
  const form = event.target;
  try {
    await api.signIn(form.username.value, form.password.value);
    form.password.value = '';
    await start();
  } catch (error) {
    $('#sign-in .message').textContent = error.status === 401 ? t('signInFailed') : error.message;
  }
});

$('#sign-out').addEventListener('click', async () => {
  try {
    await api.signOut();
  } finally {
    showSignIn();
  }
});

$('#language').addEventListener('click', () => setLanguage(currentLanguage() === 'zh' ? 'en' : 'zh'));
$('#sound').addEventListener('click', () => {
  setSoundEnabled(!soundEnabled());
  renderSoundButton();
});

function renderSoundButton() {
  $('#sound').textContent = soundEnabled() ? t('soundOn') : t('soundOff');
  $('#language').textContent = currentLanguage() === 'zh' ? 'English' : '中文';
}

onLanguageChange(() => {
  renderSoundButton();
  queue.render(true);
  panel.renderStatus();
  $('#device-count').textContent = t('devices', mapView.deviceCount());
});

setLanguage(currentLanguage());
applyStaticText();
renderSoundButton();
start();
