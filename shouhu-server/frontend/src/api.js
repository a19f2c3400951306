// The server's HTTP API as the page uses it. The session token travels in the HttpOnly cookie set at sign-in.

export class ApiError extends Error {
  constructor(status, error, detail) {
    super(detail || error || `HTTP ${status}`);
    this.status = status;
    this.error = error;
  }
}

async function request(method, path, body) {
  const options = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, json && json.error, json && json.detail);
  }
  return json;
}

export const api = {
  signIn: (username, password) => request('POST', '/api/auth/token', { username, password }),
  signOut: () => request('POST', '/api/auth/logout'),
  session: () => request('GET', '/api/map/session'),
  zones: () => request('GET', '/api/zones'),
  device: (id) => request('GET', `/api/map/devices/${encodeURIComponent(id)}`),
  track: (id, from, to) =>
    request('GET', `/api/map/devices/${encodeURIComponent(id)}/track?from=${encodeURIComponent(from.toISOString())}`
      + `&to=${encodeURIComponent(to.toISOString())}`),
  acknowledge: (alertId, actor) => request('POST', `/api/alerts/${encodeURIComponent(alertId)}/acknowledge`, { actor }),
  resolve: (alertId, actor) => request('POST', `/api/alerts/${encodeURIComponent(alertId)}/resolve`, { actor }),
};
