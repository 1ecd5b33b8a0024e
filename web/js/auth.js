// Sign-in: locally a name traded for a token at /local/token (same origin); on AWS the hosted UI's
// authorization-code flow with PKCE. The token lives in sessionStorage only and never in the URL:
// the code is swapped for it and the query string is wiped before anything else runs.

const TOKEN = 'musicrec.token';
const PENDING = 'musicrec.pkce';

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function claims(jwt) {
  try {
    return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}

export function session() {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return null;
  const c = claims(token);
  return { token, name: c['cognito:username'] || c.email || c.name || c.sub || 'you' };
}

function keep(token) {
  sessionStorage.setItem(TOKEN, token);
}

export async function localSignIn(name) {
  const response = await fetch('/local/token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sub: name }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body?.message || body?.error?.message || 'sign-in refused (' + response.status + ')');
  keep(body.token);
}

function endpoint(auth, path) {
  return auth.domain.replace(/\/$/, '') + path;
}

function redirectUri(auth) {
  return auth.redirectUri || location.origin + '/';
}

export async function hostedSignIn(auth) {
  const verifier = randomString();
  const state = randomString();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code', client_id: auth.clientId, redirect_uri: redirectUri(auth), scope: auth.scope || 'openid',
    state, code_challenge: base64url(digest), code_challenge_method: 'S256',
  });
  location.assign(endpoint(auth, '/oauth2/authorize') + '?' + query);
}

// Finishes a hosted-UI sign-in when the page is the redirect back (?code=...&state=...).
export async function completeHostedSignIn(auth) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  history.replaceState(null, '', location.pathname);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (params.has('error')) throw new Error('the sign-in page answered: ' + params.get('error'));
  if (!pending || pending.state !== params.get('state')) throw new Error('the sign-in did not start here (state does not match)');
  const response = await fetch(endpoint(auth, '/oauth2/token'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: auth.clientId, code: params.get('code'),
      redirect_uri: redirectUri(auth), code_verifier: pending.verifier,
    }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.id_token) throw new Error('the token endpoint refused the code (' + (body.error || response.status) + ')');
  // The ID token: its aud is the app client, which is what the API's JWT authorizer checks.
  keep(body.id_token);
  return true;
}

export function signOut(auth) {
  sessionStorage.clear();
  if (auth && auth.type === 'hosted') {
    const query = new URLSearchParams({ client_id: auth.clientId, logout_uri: redirectUri(auth) });
    location.assign(endpoint(auth, '/logout') + '?' + query);
  } else {
    location.reload();
  }
}
