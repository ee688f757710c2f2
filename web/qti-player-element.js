// <qti-player src="item.xml" seed="1">: a custom element around the
// embedding API's mount() and mountTest(). It fetches the item (or a
// compact test's XML, or a zipped package with a test), mounts a player
// inside itself, re-dispatches every player event as a DOM CustomEvent (type =
// event name, detail = its data) and forwards the player's methods.
// Load it after the wasm bundle (Trunk's TrunkApplicationStarted event
// makes `window.wasmBindings` available).

let counter = 0;

function bindings() {
  if (window.wasmBindings) return Promise.resolve(window.wasmBindings);
  return new Promise((resolve) => {
    addEventListener('TrunkApplicationStarted', () => resolve(window.wasmBindings), { once: true });
  });
}

/** The item, compact test or zipped package at `src`, as mount()'s or
 * mountTest()'s source option, or `{ error }` with a message. */
async function fetchSource(src, url) {
  try {
    const response = await fetch(src);
    if (!response.ok) throw new Error(`${src}: HTTP ${response.status}`);
    // A zipped content package plays its test; XML is an item or a
    // compact test (items inside its references).
    const zip = /\.zip$/i.test(new URL(url).pathname) || /zip/.test(response.headers.get('content-type') ?? '');
    return zip ? { package: new Uint8Array(await response.arrayBuffer()) } : { xml: await response.text() };
  } catch (e) {
    return { error: String(e.message ?? e) };
  }
}

class QtiPlayerElement extends HTMLElement {
  static get observedAttributes() { return ['src', 'seed']; }

  constructor() {
    super();
    this.player = null;
    this.idPrefix = `qti-el-${++counter}`;
    this.loading = null;
  }

  connectedCallback() { this.load(); }

  attributeChangedCallback() { if (this.isConnected) this.load(); }

  disconnectedCallback() {
    this.player?.destroy();
    this.player = null;
  }

  /** Resolves once the item is mounted (or failed, with an `error` event). */
  load() {
    this.loading = this.mountFrom(this.getAttribute('src'));
    return this.loading;
  }

  async mountFrom(src) {
    if (!src) return;
    const url = new URL(src, location.href).href;
    // The item is fetched while the player's wasm loads, not after it.
    const [api, source] = await Promise.all([bindings(), fetchSource(src, url)]);
    // A newer src is loading (that load mounts), or the element has left
    // the page.
    if (src !== this.getAttribute('src') || !this.isConnected) return;
    if (source.error) {
      this.fail(source.error);
      return;
    }
    this.player?.destroy();
    const mountPoint = document.createElement('div');
    this.replaceChildren(mountPoint);
    const isTest = source.package || /<(qti-)?assessment-?[tT]est[\s>]/.test(source.xml.slice(0, 4096));
    const options = {
      ...source,
      seed: Number(this.getAttribute('seed') ?? 0),
      idPrefix: this.idPrefix,
      onEvent: (type, detail) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true })),
    };
    try {
      if (isTest && !api.mountTest) throw new Error('this build of the player plays items only, not tests or packages');
      this.player = isTest ? api.mountTest(mountPoint, options) : api.mount(mountPoint, { ...options, baseUrl: url });
    } catch (e) {
      this.fail(String(e.message ?? e));
    }
  }

  fail(message) {
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = `This item cannot be shown: ${message}`;
    this.replaceChildren(p);
    this.dispatchEvent(new CustomEvent('error', { detail: { message }, bubbles: true }));
  }

  submit() { this.player?.submit?.(); }
  setResponse(id, value) { this.player?.setResponse?.(id, value); }
  setResponses(values) { this.player?.setResponses?.(values); }
  getResponses() { return this.player?.getResponses?.() ?? {}; }
  getOutcomes() { return this.player?.getOutcomes() ?? {}; }
  getState() { return this.player?.getState() ?? null; }
  restoreState(state) { this.player?.restoreState?.(state); }
  getResult(format) { return this.player?.getResult(format); }
}

customElements.define('qti-player', QtiPlayerElement);
