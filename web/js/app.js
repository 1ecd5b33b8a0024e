// The page: sign-in, suggestions, search, plays and the recommendations that follow every fifth
// play. A play carries an Idempotency-Key made once per press and reused by its retries, and its
// button stays disabled until the answer, so neither a double click nor a retry counts it twice.
import { createApi } from './api.js';
import { completeHostedSignIn, hostedSignIn, localSignIn, session, signOut } from './auth.js';

const PLAYS_PER_UPDATE = 5;
const POLL_FIRST_MS = 500;
const POLL_MAX_MS = 5000;
const POLL_ATTEMPTS = 15;
const SEARCH_DELAY_MS = 250;
const NAMES = 'musicrec.names';
const TOTAL = 'musicrec.total';

const $ = (id) => document.getElementById(id);
let config;
let api;
let total = 0;
let updateRun = 0;
const names = new Map(JSON.parse(sessionStorage.getItem(NAMES) || '[]'));

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith('data-') || key.startsWith('aria-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const MESSAGES = {
  unauthorized: ['Your sign-in has expired or was not accepted. Please sign in again.', 'Sign in again'],
  unknown_artist: ['That artist is not in the catalog, so the play was not recorded.', 'Dismiss'],
  too_large: ['The request was too large for the server.', 'Dismiss'],
  throttled: ['Too many requests just now. Wait a moment, then retry.', 'Retry'],
  unavailable: ['The service is not available right now. Nothing was lost: retry in a moment.', 'Retry'],
  network: ['Cannot reach the server. Check your connection, then retry.', 'Retry'],
  failed: ['Something went wrong on the server. Retry in a moment.', 'Retry'],
};

function hideError() {
  $('error').hidden = true;
}

function showError(message, label, action) {
  $('error-text').textContent = message;
  const button = $('error-action');
  button.textContent = label;
  button.onclick = () => { hideError(); action(); };
  $('error').hidden = false;
  button.focus();
}

// The message and the way on for a failed call; `retry` repeats exactly that call.
function failed(error, retry) {
  const [message, label] = MESSAGES[error.kind] || MESSAGES.failed;
  if (error.kind === 'unauthorized') showError(message, label, () => signOut(config.auth));
  else if (label === 'Dismiss') showError(message, label, () => {});
  else showError(message, label, retry);
}

function rememberName(id, name) {
  names.set(id, name);
  sessionStorage.setItem(NAMES, JSON.stringify([...names]));
}

function progress() {
  $('total').textContent = String(total);
  const left = PLAYS_PER_UPDATE - (total % PLAYS_PER_UPDATE);
  $('until').textContent = `${left} ${left === 1 ? 'play' : 'plays'} until your recommendations update`;
}

function cover(item) {
  const initial = (item.artist_name || '?').trim().charAt(0).toUpperCase();
  const placeholder = () => el('div', { className: 'cover', textContent: initial, 'aria-hidden': 'true', 'data-image': item.image || '' });
  if (!item.image) return placeholder();
  const img = el('img', { className: 'cover', src: item.image, alt: item.song_name ? `Cover of ${item.song_name}` : '', loading: 'lazy', width: 160, height: 160, 'data-image': item.image });
  // A cover that does not load gives way to the plain square rather than a broken-image icon.
  img.addEventListener('error', () => img.replaceWith(placeholder()), { once: true });
  return img;
}

function playButton(id, name, item) {
  const button = el('button', { type: 'button', className: 'play', textContent: 'Play', 'data-artist-id': id, 'aria-label': `Play ${name}` });
  button.addEventListener('click', () => play(button, name, item));
  return button;
}

function card(item) {
  const name = item.artist_name || `Artist ${item.artist_id}`;
  const because = (item.because || []).map((id) => names.get(id) || `artist ${id}`);
  return el('li', { className: 'card', 'data-artist-id': item.artist_id },
    cover(item),
    el('h3', { textContent: name }),
    item.song_name ? el('p', { className: 'song', textContent: item.song_name }) : null,
    because.length ? el('p', { className: 'because', textContent: `Because you played ${because.join(', ')}` }) : null,
    el('div', { className: 'actions' },
      playButton(item.artist_id, name, item),
      item.url ? el('a', { href: item.url, target: '_blank', rel: 'noopener', textContent: 'Open in Spotify', 'aria-label': `Open ${item.song_name || name} in Spotify` }) : null));
}

function render(doc) {
  const ready = doc.status === 'ready';
  $('list-title').textContent = ready ? 'Recommended for you' : 'Suggestions';
  $('list-note').textContent = ready
    ? `${doc.items.length} artists from model ${doc.model_id}, after ${doc.total_plays} plays.`
    : 'Artists to start with: play the ones you like, and every fifth play updates your recommendations.';
  $('cards').replaceChildren(...(doc.items || []).map(card));
  $('cards').setAttribute('data-status', doc.status);
}

function nowPlaying(name, item) {
  $('now').hidden = false;
  $('now-text').textContent = item && item.song_name ? `${item.song_name} by ${name}` : name;
  const track = item && item.url && /^https:\/\/open\.spotify\.com\/track\/([A-Za-z0-9]+)/.exec(item.url);
  const player = $('now-player');
  if (track) {
    player.src = `https://open.spotify.com/embed/track/${track[1]}`;
    player.hidden = false;
  } else {
    player.removeAttribute('src');
    player.hidden = true;
  }
}

async function play(button, name, item) {
  // aria-disabled rather than disabled: a disabled button would drop the keyboard's focus.
  if (button.getAttribute('aria-disabled') === 'true') return;
  const key = uuid();
  const attempt = async () => {
    // Read at press time: the id on the button is what is played.
    const id = Number(button.getAttribute('data-artist-id'));
    button.setAttribute('aria-disabled', 'true');
    try {
      const answer = await api.play(id, key);
      hideError();
      rememberName(id, name);
      total = answer.total_plays;
      sessionStorage.setItem(TOTAL, String(total));
      progress();
      nowPlaying(name, item);
      if (answer.recalculation_queued || total % PLAYS_PER_UPDATE === 0) awaitUpdate(total);
    } catch (error) {
      failed(error, attempt);
    } finally {
      button.removeAttribute('aria-disabled');
    }
  };
  await attempt();
}

// Polls until the document counts the plays that queued the update, with back-off and a limit.
async function awaitUpdate(target) {
  const run = ++updateRun;
  $('status').textContent = 'updating...';
  let delay = POLL_FIRST_MS;
  for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (run !== updateRun) return;
    delay = Math.min(delay * 1.5, POLL_MAX_MS);
    let doc;
    try {
      doc = await api.recommendations();
    } catch (error) {
      if (run !== updateRun) return;
      $('status').textContent = '';
      failed(error, () => awaitUpdate(target));
      return;
    }
    if (run !== updateRun) return;
    if (doc.status === 'ready' && doc.total_plays >= target) {
      render(doc);
      $('status').textContent = `Your recommendations were updated after ${doc.total_plays} plays.`;
      return;
    }
  }
  $('status').textContent = '';
  showError('Your recommendations are taking longer than usual to update.', 'Check again', () => awaitUpdate(target));
}

let searchTimer;
let searchRun = 0;

function searchSoon() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(search, SEARCH_DELAY_MS);
}

async function search() {
  const query = $('query').value.trim();
  const run = ++searchRun;
  if (!query) {
    $('results').replaceChildren();
    $('search-count').textContent = '';
    return;
  }
  let answer;
  try {
    answer = await api.search(query);
  } catch (error) {
    if (run === searchRun) failed(error, search);
    return;
  }
  if (run !== searchRun) return;
  hideError();
  const artists = answer.artists || [];
  $('search-count').textContent = artists.length ? `${artists.length} artists found` : 'No artist found';
  $('results').replaceChildren(...artists.map((artist) => el('li', { 'data-artist-id': artist.artist_id },
    el('span', { className: 'name', textContent: artist.name }),
    playButton(artist.artist_id, artist.name, null))));
}

async function start(who) {
  $('sign-in').hidden = true;
  $('who-name').textContent = who.name;
  $('who').hidden = false;
  let doc;
  try {
    doc = await api.register();
  } catch (error) {
    failed(error, () => start(who));
    return;
  }
  hideError();
  $('app').hidden = false;
  // The document counts the plays of its last computation; the last play's answer may know more.
  total = Math.max(doc.total_plays || 0, Number(sessionStorage.getItem(TOTAL)) || 0);
  progress();
  render(doc);
  performance.mark('suggestions-shown');
  $('list-title').focus();
  if (total >= PLAYS_PER_UPDATE && doc.status !== 'ready') awaitUpdate(total - (total % PLAYS_PER_UPDATE));
}

function showSignIn() {
  $('sign-in').hidden = false;
  if (config.auth.type === 'hosted') {
    $('hosted-sign-in').hidden = false;
    $('hosted-button').addEventListener('click', () => hostedSignIn(config.auth));
  } else {
    const form = $('local-sign-in');
    form.hidden = false;
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button');
      button.disabled = true;
      try {
        await localSignIn($('name').value.trim());
        hideError();
        start(session());
      } catch (error) {
        showError(`Could not sign in: ${error.message}`, 'Retry', () => form.requestSubmit());
      } finally {
        button.disabled = false;
      }
    });
    $('name').focus();
  }
}

async function main() {
  config = await (await fetch('config.json', { cache: 'no-store' })).json();
  api = createApi((config.apiUrl || '').replace(/\/$/, ''), () => session()?.token || '');
  $('sign-out').addEventListener('click', () => signOut(config.auth));
  $('query').addEventListener('input', searchSoon);
  if (config.auth.type === 'hosted') {
    try {
      await completeHostedSignIn(config.auth);
    } catch (error) {
      showError(`Could not sign in: ${error.message}`, 'Sign in again', () => hostedSignIn(config.auth));
    }
  }
  const who = session();
  if (who) start(who);
  else showSignIn();
}

main().catch((error) => showError(`The app could not start: ${error.message}`, 'Reload', () => location.reload()));
