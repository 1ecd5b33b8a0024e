// The public API, called with the signed-in person's JWT. Every failure becomes an ApiError whose
// kind the page turns into a message and a way on; nothing here retries on its own.

export class ApiError extends Error {
  constructor(kind, status, code, message) {
    super(message || kind);
    this.kind = kind; // unauthorized, unknown_artist, too_large, throttled, unavailable, network, failed
    this.status = status;
    this.code = code;
  }
}

function kindOf(status, code) {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404 && code === 'unknown_artist') return 'unknown_artist';
  if (status === 413) return 'too_large';
  if (status === 429) return 'throttled';
  if (status === 503 || status === 502 || status === 504) return 'unavailable';
  return 'failed';
}

export function createApi(baseUrl, token) {
  async function call(method, path, body, headers = {}) {
    const init = { method, headers: { ...headers, Authorization: 'Bearer ' + token() } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(baseUrl + path, init);
    } catch (e) {
      throw new ApiError('network', 0, null, e.message);
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    if (response.ok) return json;
    const code = json?.error?.code ?? null;
    throw new ApiError(kindOf(response.status, code), response.status, code, json?.error?.message ?? json?.message ?? text);
  }
  return {
    register: () => call('POST', '/users'),
    play: (artistId, idempotencyKey) => call('POST', '/plays', { artist_id: artistId }, { 'Idempotency-Key': idempotencyKey }),
    search: (query) => call('GET', '/artists?limit=10&query=' + encodeURIComponent(query)),
    recommendations: () => call('GET', '/recommendations'),
  };
}
