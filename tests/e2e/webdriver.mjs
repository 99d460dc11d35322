// Minimal W3C WebDriver client for the Newsroom end-to-end tests.
//
// Only Node built-ins are used: chromedriver is spawned with node:child_process
// and spoken to over global fetch. Tests synchronise exclusively through
// `waitFor` (polling a predicate), never through fixed sleeps.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

const CHROMEDRIVER = process.env.CHROMEDRIVER || '/usr/bin/chromedriver';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const REQUEST_TIMEOUT_MS = 60_000;

/** Error returned by the WebDriver remote end ({value: {error, message}}). */
export class WebDriverError extends Error {
  constructor(command, status, error, message) {
    super(`WebDriver ${command} failed (${status} ${error}): ${message}`);
    this.name = 'WebDriverError';
    this.status = status;
    this.error = error;
  }
}

/** A reference to a DOM element in the browser. `desc` is only for messages. */
export class WebElement {
  constructor(id, desc) {
    this.id = id;
    this.desc = desc;
  }
  toJSON() {
    return { [ELEMENT_KEY]: this.id };
  }
  toString() {
    return `<element ${this.desc}>`;
  }
}

/**
 * Poll `fn` (may be async) every `interval` ms until it returns a truthy
 * value, and return that value. Errors thrown by `fn` count as "not yet" and
 * the last one is reported on timeout. `message` may be a string or an
 * (async) function returning one, called only on timeout.
 */
export async function waitFor(fn, { timeout = 10_000, interval = 50, message } = {}) {
  const start = Date.now();
  let lastError;
  let lastValue;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      lastValue = await fn();
      if (lastValue) return lastValue;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() - start >= timeout) break;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  let msg = message;
  if (typeof message === 'function') {
    // Lazily built message (e.g. including a snapshot of the page).
    try { msg = await message(); } catch (err) { msg = `(message builder failed: ${err.message})`; }
  }
  let text = `${msg || 'waitFor: condition not met'} (timed out after ${timeout} ms, ${attempts} attempts)`;
  if (lastError) text += `\n  last error: ${lastError && lastError.message ? lastError.message : lastError}`;
  else text += `\n  last value: ${safeJson(lastValue)}`;
  const err = new Error(text);
  if (lastError) err.cause = lastError;
  throw err;
}

function safeJson(v) {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 500 ? s.slice(0, 500) + '…' : s;
  } catch {
    return String(v);
  }
}

/** Resolve a free TCP port on 127.0.0.1 by binding port 0 and closing. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Every chromedriver we start, so that it dies with us whatever happens.
const liveDrivers = new Set();
function killGroup(child, signal = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // chromedriver runs in its own process group (detached: true), which also
    // holds the chromium processes it launched.
    process.kill(-child.pid, signal);
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}
process.on('exit', () => {
  for (const d of liveDrivers) killGroup(d, 'SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    for (const d of liveDrivers) killGroup(d, 'SIGKILL');
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}

/**
 * Start chromedriver and a headless Chromium session.
 * @returns {Promise<Driver>}
 */
export async function startDriver({ extraArgs = [], startupTimeout = 20_000 } = {}) {
  for (const bin of [CHROMEDRIVER, CHROMIUM]) {
    if (!fs.existsSync(bin)) throw new Error(`e2e: required binary ${bin} is missing`);
  }
  const port = await freePort();
  const child = spawn(CHROMEDRIVER, [`--port=${port}`, '--allowed-ips=127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveDrivers.add(child);
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    if (output.length > 20_000) output = output.slice(-20_000);
  };
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);
  let spawnError;
  child.on('error', (err) => { spawnError = err; });
  child.on('exit', () => liveDrivers.delete(child));

  const base = `http://127.0.0.1:${port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-profile-'));
  const driver = new Driver(base, child, userDataDir);
  try {
    await waitFor(async () => {
      if (spawnError) throw new Error(`cannot spawn ${CHROMEDRIVER}: ${spawnError.message}`);
      if (child.exitCode !== null) throw new Error(`chromedriver exited with code ${child.exitCode}`);
      const res = await fetch(`${base}/status`, { signal: AbortSignal.timeout(2_000) });
      const body = await res.json();
      return body && body.value && body.value.ready;
    }, {
      timeout: startupTimeout,
      interval: 100,
      message: `chromedriver on port ${port} did not become ready; output:\n${output || '(none)'}`,
    });
    await driver._createSession(extraArgs);
  } catch (err) {
    await driver.quit();
    if (output) err.message += `\nchromedriver output:\n${output}`;
    throw err;
  }
  return driver;
}

export class Driver {
  constructor(base, child, userDataDir) {
    this.base = base;
    this.child = child;
    this.userDataDir = userDataDir;
    this.sessionId = null;
    this.waitFor = waitFor;
  }

  async _createSession(extraArgs) {
    const args = [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--window-size=1200,900',
      `--user-data-dir=${this.userDataDir}`,
      ...extraArgs,
    ];
    const value = await this._raw('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'chrome',
          pageLoadStrategy: 'normal',
          'goog:chromeOptions': { binary: CHROMIUM, args },
          'goog:loggingPrefs': { browser: 'ALL' },
        },
        firstMatch: [{}],
      },
    });
    this.sessionId = value.sessionId;
    if (!this.sessionId) throw new Error(`new session returned no sessionId: ${safeJson(value)}`);
    await this.cmd('POST', '/timeouts', { implicit: 0, pageLoad: 30_000, script: 30_000 });
  }

  async _raw(method, urlPath, body) {
    const init = { method, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), headers: {} };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json; charset=utf-8';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(this.base + urlPath, init);
    const textBody = await res.text();
    let json;
    try {
      json = textBody ? JSON.parse(textBody) : {};
    } catch {
      throw new WebDriverError(`${method} ${urlPath}`, res.status, 'invalid response', textBody.slice(0, 500));
    }
    const value = json.value;
    if (!res.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
      const msg = value && value.message ? String(value.message).split('\n')[0] : textBody.slice(0, 500);
      throw new WebDriverError(`${method} ${urlPath}`, res.status, (value && value.error) || 'unknown error', msg);
    }
    return value;
  }

  /** Send a command relative to the session. */
  cmd(method, urlPath, body) {
    if (!this.sessionId) throw new Error('WebDriver session is not open');
    if (method === 'POST' && body === undefined) body = {};
    return this._raw(method, `/session/${this.sessionId}${urlPath}`, body);
  }

  _wrap(value, desc = 'from script') {
    if (Array.isArray(value)) return value.map((v, i) => this._wrap(v, `${desc}[${i}]`));
    if (value && typeof value === 'object') {
      if (typeof value[ELEMENT_KEY] === 'string') return new WebElement(value[ELEMENT_KEY], desc);
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = this._wrap(v, `${desc}.${k}`);
      return out;
    }
    return value;
  }

  // ---- navigation ---------------------------------------------------------
  async goto(url) { await this.cmd('POST', '/url', { url }); }
  currentUrl() { return this.cmd('GET', '/url'); }
  title() { return this.cmd('GET', '/title'); }
  async back() { await this.cmd('POST', '/back'); }
  async forward() { await this.cmd('POST', '/forward'); }
  async refresh() { await this.cmd('POST', '/refresh'); }

  // ---- elements -----------------------------------------------------------
  /** First element matching `css` (inside `root` if given); throws naming the selector when none. */
  async find(css, root) {
    const where = root ? `/element/${root.id}/element` : '/element';
    const desc = root ? `${root.desc} ${css}` : css;
    try {
      const v = await this.cmd('POST', where, { using: 'css selector', value: css });
      return new WebElement(v[ELEMENT_KEY], desc);
    } catch (err) {
      if (err instanceof WebDriverError && err.error === 'no such element') {
        const e = new Error(`No element matches CSS selector "${css}"${root ? ` inside ${root.desc}` : ''}`);
        e.code = 'no such element';
        throw e;
      }
      throw err;
    }
  }

  /** All elements matching `css` (possibly none). */
  async findAll(css, root) {
    const where = root ? `/element/${root.id}/elements` : '/elements';
    const list = await this.cmd('POST', where, { using: 'css selector', value: css });
    return list.map((v, i) => new WebElement(v[ELEMENT_KEY], `${root ? root.desc + ' ' : ''}${css}[${i}]`));
  }

  /** Element matching `css` or null. */
  async maybeFind(css, root) {
    const all = await this.findAll(css, root);
    return all[0] || null;
  }

  /** Wait until `css` matches (and, by default, is displayed); return it. */
  waitForElement(css, { timeout = 10_000, visible = true, message } = {}) {
    return waitFor(async () => {
      const el = await this.find(css);
      if (visible && !(await this.displayed(el))) throw new Error(`"${css}" exists but is not displayed`);
      return el;
    }, { timeout, message: message || `waiting for element "${css}"` });
  }

  async click(el) { await this.cmd('POST', `/element/${el.id}/click`); }
  text(el) { return this.cmd('GET', `/element/${el.id}/text`); }
  attr(el, name) { return this.cmd('GET', `/element/${el.id}/attribute/${encodeURIComponent(name)}`); }
  prop(el, name) { return this.cmd('GET', `/element/${el.id}/property/${encodeURIComponent(name)}`); }
  tagName(el) { return this.cmd('GET', `/element/${el.id}/name`); }
  displayed(el) { return this.cmd('GET', `/element/${el.id}/displayed`); }
  async typeInto(el, string) { await this.cmd('POST', `/element/${el.id}/value`, { text: String(string) }); }

  /**
   * Empty a text field the way a user would (select all + Backspace, which
   * fires real input events); fall back to WebDriver Element Clear plus
   * synthetic input/change events.
   */
  async clear(el) {
    await this.cmd('POST', `/element/${el.id}/value`, { text: '\uE009a\uE009\uE003' }); // Ctrl+A, release Ctrl, Backspace
    if ((await this.prop(el, 'value')) === '') return;
    await this.cmd('POST', `/element/${el.id}/clear`);
    await this.execute(
      `const e = arguments[0];
       e.dispatchEvent(new Event('input', {bubbles: true}));
       e.dispatchEvent(new Event('change', {bubbles: true}));`,
      el,
    );
  }

  /** Synchronous script execution; element references in args/results are converted. */
  async execute(script, ...args) {
    const v = await this.cmd('POST', '/execute/sync', { script, args });
    return this._wrap(v);
  }

  /** Asynchronous script execution (the last argument is the completion callback). */
  async executeAsync(script, ...args) {
    const v = await this.cmd('POST', '/execute/async', { script, args });
    return this._wrap(v);
  }

  /**
   * Choose the <option> with value `value` in `selectEl`: click it like a
   * user; if clicking fails, set the value and dispatch input/change events.
   */
  async selectByValue(selectEl, value) {
    const option = await this.execute(
      'return Array.from(arguments[0].options).find(o => o.value === arguments[1]) || null;',
      selectEl, String(value),
    );
    if (!option) {
      const values = await this.execute('return Array.from(arguments[0].options).map(o => o.value);', selectEl);
      throw new Error(`select ${selectEl.desc} has no option with value ${JSON.stringify(value)}; options: ${JSON.stringify(values)}`);
    }
    option.desc = `${selectEl.desc} option[value=${JSON.stringify(value)}]`;
    try {
      await this.click(option);
    } catch {
      // fall through to the scripted path below
    }
    try {
      if ((await this.prop(selectEl, 'value')) === String(value)) return;
    } catch (err) {
      // The app re-rendered the <select> in response to the click: it took effect.
      if (err instanceof WebDriverError && err.error === 'stale element reference') return;
      throw err;
    }
    await this.execute(
      `const s = arguments[0];
       s.value = arguments[1];
       s.dispatchEvent(new Event('input', {bubbles: true}));
       s.dispatchEvent(new Event('change', {bubbles: true}));`,
      selectEl, String(value),
    );
  }

  // ---- window -------------------------------------------------------------
  getWindowRect() { return this.cmd('GET', '/window/rect'); }
  setWindowRect(rect) { return this.cmd('POST', '/window/rect', rect); }

  // ---- logs ---------------------------------------------------------------
  /**
   * Browser console entries gathered since the previous call
   * ([{level, message, source, timestamp}]). Uses chromedriver's legacy
   * POST /se/log; throws if unsupported (callers should tolerate that).
   */
  async browserLog() {
    const v = await this.cmd('POST', '/se/log', { type: 'browser' });
    return Array.isArray(v) ? v : [];
  }

  // ---- teardown -----------------------------------------------------------
  /** Delete the session, stop chromedriver (and its browser), remove the profile. */
  async quit() {
    if (this.sessionId) {
      try {
        await this._raw('DELETE', `/session/${this.sessionId}`);
      } catch { /* killed below anyway */ }
      this.sessionId = null;
    }
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
    liveDrivers.delete(child);
    try {
      fs.rmSync(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
    } catch { /* best effort */ }
  }
}
