// Installed on every new document before its own scripts run: records the
// performance entries, and what was inserted or loaded when, for collect.js
// to read once the page has settled.
(() => {
  if (window.__uxaudit) return;
  const state = { lcp: [], shifts: [], longtasks: [], inputs: [], fcp: 0, recent: [] };
  Object.defineProperty(window, '__uxaudit', { value: state });

  // A short CSS selector for an element: tag#id, or a path of
  // tag:nth-of-type(n) steps from the nearest ancestor with an id.
  const selector = (el) => {
    if (!el || el.nodeType !== 1) return '';
    const steps = [];
    for (let n = el; n && n.nodeType === 1 && steps.length < 8; n = n.parentElement) {
      const tag = n.localName;
      if (n.id && /^[A-Za-z][\w-]*$/.test(n.id)) { steps.unshift(tag + '#' + n.id); break; }
      if (tag === 'html' || tag === 'body') { steps.unshift(tag); break; }
      let i = 1;
      for (let s = n.previousElementSibling; s; s = s.previousElementSibling) if (s.localName === tag) i++;
      let more = false;
      for (let s = n.nextElementSibling; s && !more; s = s.nextElementSibling) if (s.localName === tag) more = true;
      steps.unshift(i > 1 || more ? `${tag}:nth-of-type(${i})` : tag);
    }
    return steps.join(' > ');
  };
  state.selector = selector;
  const observe = (type, fn) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true });
    } catch (e) { /* entry type not supported */ }
  };
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') state.fcp = e.startTime; });
  observe('largest-contentful-paint', (e) => state.lcp.push({
    t: e.renderTime || e.loadTime || e.startTime, size: e.size, sel: selector(e.element), url: e.url || '',
  }));
  observe('layout-shift', (e) => {
    const moved = (e.sources || []).map((s) => s.node).filter((n) => n && n.nodeType === 1);
    state.shifts.push({ t: e.startTime, v: e.value, moved, sources: moved.map(selector).filter(Boolean) });
  });
  observe('longtask', (e) => state.longtasks.push({ t: e.startTime, d: e.duration }));
  for (const type of ['pointerdown', 'keydown', 'mousedown', 'touchstart']) {
    addEventListener(type, (ev) => state.inputs.push(ev.timeStamp), { capture: true, passive: true });
  }
  // Elements inserted, and images, frames and videos loaded: the likely
  // causes of a layout shift near them in time.
  const remember = (node, loaded) => {
    if (state.recent.length < 2000) state.recent.push({ t: performance.now(), node, loaded });
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1) remember(n, false);
  }).observe(document, { childList: true, subtree: true });
  // Element load and error events do not reach window: capture them on the
  // document. A broken image changes the layout as much as a loaded one.
  for (const type of ['load', 'error']) {
    document.addEventListener(type, (e) => {
      const n = e.target;
      if (n && (n.localName === 'img' || n.localName === 'iframe' || n.localName === 'video')) remember(n, true);
    }, true);
  }
})();
