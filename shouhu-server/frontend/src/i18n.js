// Interface text in Chinese and English. The default follows the browser language; the choice is remembered.

const TEXT = {
  zh: {
    title: '守护 · 调度地图',
    signInTitle: '调度员登录',
    username: '用户名',
    password: '密码',
    signIn: '登录',
    signOut: '退出',
    signInFailed: '用户名或密码错误',
    notForYou: '此地图仅供调度员和管理员使用',
    live: '实时',
    reconnecting: '正在重连…',
    allJurisdictions: '全部辖区',
    alerts: '待处理警报',
    noAlerts: '暂无待处理警报',
    acknowledge: '确认接警',
    resolve: '处理完毕',
    soundOn: '声音：开',
    soundOff: '声音：关',
    kind_SOS: '紧急求救',
    kind_LEFT_SCHOOL: '离开学校',
    kind_ENTERED_DANGER_ZONE: '进入危险区域',
    kind_MISSED_ARRIVAL: '未按时到达',
    kind_CURFEW: '宵禁',
    state_RAISED: '新警报',
    state_DELIVERED: '已送达',
    state_ESCALATED: '已升级',
    state_ACKNOWLEDGED: '已确认',
    state_RESOLVED: '已处理',
    state_EXPIRED: '已过期',
    raisedAgo: (m) => (m < 1 ? '刚刚' : `${m} 分钟前`),
    lastKnown: '最后已知位置',
    noPosition: '无定位',
    child: '儿童',
    battery: '电量',
    worn: '佩戴',
    wornYes: '已佩戴',
    wornNo: '未佩戴',
    charging: '充电中',
    unknown: '未知',
    lastFix: '最后定位',
    lastHour: '最近一小时轨迹',
    playback: '轨迹回放',
    from: '开始',
    to: '结束',
    load: '加载',
    play: '播放',
    pause: '暂停',
    speed: '倍速',
    noTrack: '该时段没有定位',
    points: (n) => `${n} 个定位点`,
    close: '关闭',
    devices: (n) => `${n} 个手环`,
    actionFailed: '操作失败：',
    outside: '辖区外',
  },
  en: {
    title: 'Shouhu · Dispatch map',
    signInTitle: 'Dispatcher sign-in',
    username: 'User name',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signInFailed: 'Unknown user name or wrong password',
    notForYou: 'This map is for dispatchers and administrators',
    live: 'Live',
    reconnecting: 'Reconnecting…',
    allJurisdictions: 'All jurisdictions',
    alerts: 'Open alerts',
    noAlerts: 'No open alerts',
    acknowledge: 'Acknowledge',
    resolve: 'Resolve',
    soundOn: 'Sound: on',
    soundOff: 'Sound: off',
    kind_SOS: 'SOS',
    kind_LEFT_SCHOOL: 'Left school',
    kind_ENTERED_DANGER_ZONE: 'Entered danger zone',
    kind_MISSED_ARRIVAL: 'Missed arrival',
    kind_CURFEW: 'Curfew',
    state_RAISED: 'New',
    state_DELIVERED: 'Delivered',
    state_ESCALATED: 'Escalated',
    state_ACKNOWLEDGED: 'Acknowledged',
    state_RESOLVED: 'Resolved',
    state_EXPIRED: 'Expired',
    raisedAgo: (m) => (m < 1 ? 'just now' : `${m} min ago`),
    lastKnown: 'last known position',
    noPosition: 'no position',
    child: 'Child',
    battery: 'Battery',
    worn: 'Worn',
    wornYes: 'on the wrist',
    wornNo: 'not worn',
    charging: 'charging',
    unknown: 'unknown',
    lastFix: 'Last fix',
    lastHour: 'Last hour track',
    playback: 'Track playback',
    from: 'From',
    to: 'To',
    load: 'Load',
    play: 'Play',
    pause: 'Pause',
    speed: 'Speed',
    noTrack: 'No positions in this range',
    points: (n) => `${n} positions`,
    close: 'Close',
    devices: (n) => `${n} wristbands`,
    actionFailed: 'Failed: ',
    outside: 'outside',
  },
};

const STORAGE_KEY = 'shouhu.language';
let language = initialLanguage();
const listeners = [];

function initialLanguage() {
  const stored = safeStorage(() => localStorage.getItem(STORAGE_KEY));
  if (stored === 'zh' || stored === 'en') return stored;
  const preferred = (navigator.languages && navigator.languages[0]) || navigator.language || 'zh';
  return preferred.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function safeStorage(read) {
  try {
    return read();
  } catch (e) {
    return null;
  }
}

export function currentLanguage() {
  return language;
}

/** The text for `key`; functions take `args`. Unknown keys show themselves, so a gap is visible, not blank. */
export function t(key, ...args) {
  const value = TEXT[language][key] ?? TEXT.en[key];
  if (value === undefined) return key;
  return typeof value === 'function' ? value(...args) : value;
}

export function setLanguage(next) {
  if (next !== 'zh' && next !== 'en') return;
  language = next;
  safeStorage(() => localStorage.setItem(STORAGE_KEY, next));
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  applyStaticText();
  listeners.forEach((listener) => listener(next));
}

export function onLanguageChange(listener) {
  listeners.push(listener);
}

/** Fills every element marked data-i18n (text) or data-i18n-placeholder. */
export function applyStaticText(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  });
  document.title = t('title');
}
