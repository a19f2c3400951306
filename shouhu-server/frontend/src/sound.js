// The alert tone: synthesised with Web Audio, so no sound file has to be fetched. Browsers allow audio only after
// the user interacted with the page; the sound toggle is that interaction.

let context = null;
let enabled = true;

export function soundEnabled() {
  return enabled;
}

export function setSoundEnabled(on) {
  enabled = on;
  if (on) unlock();
}

export function unlock() {
  try {
    if (!context) context = new (window.AudioContext || window.webkitAudioContext)();
    if (context.state === 'suspended') context.resume();
  } catch (e) {
    context = null;
  }
}

/** Three rising beeps for an SOS, one for other alerts. */
export function alertTone(sos) {
  if (!enabled) return;
  unlock();
  if (!context) return;
  const beeps = sos ? [880, 988, 1175] : [660];
  beeps.forEach((frequency, i) => {
    const start = context.currentTime + i * 0.22;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.2);
  });
}
