// Evaluated once the page has settled: turns the recorded entries into the
// page's metrics, computed as Lighthouse computes them.
(() => {
  const s = window.__uxaudit || { lcp: [], shifts: [], longtasks: [], inputs: [], fcp: 0, recent: [], selector: () => '' };
  const nav = performance.getEntriesByType('navigation')[0];
  const firstInput = s.inputs.length ? Math.min(...s.inputs) : Infinity;

  // LCP: the last candidate before the first input.
  const candidates = s.lcp.filter((c) => c.t < firstInput);
  const lcp = candidates.length ? candidates[candidates.length - 1] : null;

  // CLS: the largest session window of shifts not caused by input; a
  // window ends after a gap of 1 s or when it spans 5 s. Chrome also flags
  // shifts after the emulated viewport was set as "recent input", so only
  // input the page really received (none, unless a script sent some) counts.
  const afterInput = (t) => s.inputs.some((i) => t >= i && t - i < 500);
  let cls = 0, win = 0, start = -1, prev = -1;
  for (const sh of s.shifts) {
    sh.input = afterInput(sh.t);
    if (sh.input) continue;
    if (start < 0 || sh.t - prev >= 1000 || sh.t - start >= 5000) { start = sh.t; win = 0; }
    win += sh.v; prev = sh.t;
    if (win > cls) cls = win;
  }

  // TBT: the part over 50 ms of every long task after FCP.
  const fcp = s.fcp;
  let tbt = 0;
  if (fcp > 0) {
    for (const lt of s.longtasks) {
      const from = Math.max(lt.t, fcp), to = lt.t + lt.d;
      if (to - from > 50) tbt += to - from - 50;
    }
  }
  // Causes of each shift: rendered elements inserted in the 250 ms before
  // it, or media that finished loading around it (the size of an image is
  // known, and shifts the layout, a little before its load event), that are
  // roots of what was inserted together and come before or inside what moved.
  const causesOf = (sh) => {
    const near = s.recent.filter((r) => r.node.isConnected &&
      (r.loaded ? Math.abs(r.t - sh.t) < 250 : r.t <= sh.t && sh.t - r.t < 250));
    const nodes = new Set(near.map((r) => r.node));
    const causes = [];
    for (let i = near.length - 1; i >= 0 && causes.length < 3; i--) {
      const n = near[i].node;
      if (nodes.has(n.parentElement) || !n.closest('body') || n.getClientRects().length === 0) continue;
      const related = sh.moved.length === 0 || sh.moved.some((m) => m !== n &&
        (n.compareDocumentPosition(m) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINS)));
      const sel = s.selector(n);
      if (related && sel && !causes.includes(sel)) causes.push(sel);
    }
    return causes;
  };
  // measureLayout reads the layout as the device shows it, in one pass over
  // the DOM: tap targets too small and too close to another, the share of
  // text shown below 12 px, and text below WCAG AA contrast. A grid keeps
  // the comparisons of targets to their neighbours; every list is capped.
  function measureLayout(selector) {
    const MAX = 20, MAX_TEXT_NODES = 20000, MAX_TARGETS = 3000;
    // A budget for huge pages: past it, what was read so far is reported.
    const deadline = performance.now() + 1500;
    const FINGER = 48, SMALL_TEXT = 12;
    const zoom = window.visualViewport ? window.visualViewport.scale : 1;
    const sx = window.scrollX, sy = window.scrollY;
    const round = (v) => Math.round(v * 10) / 10;
    const short = (t, n) => {
      t = (t || '').replace(/\s+/g, ' ').trim();
      return t.length > n ? t.slice(0, n - 1) + '…' : t;
    };
    const styles = new Map();
    const style = (el) => {
      let cs = styles.get(el);
      if (!cs) { cs = getComputedStyle(el); styles.set(el, cs); }
      return cs;
    };
    const visible = (el) => (typeof el.checkVisibility === 'function'
      ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true, checkOpacity: true, checkVisibilityCSS: true })
      : el.getClientRects().length > 0);

    // Colours: [r, g, b, a] from a computed value; null for the colour
    // spaces this does not convert. A page uses few colours: parse each once.
    const colors = new Map();
    const parseColor = (v) => {
      let c = colors.get(v);
      if (c !== undefined) return c;
      c = null;
      const m = /^rgba?\(([^)]*)\)$/.exec(v);
      if (v === 'transparent') c = [0, 0, 0, 0];
      else if (m) {
        const p = m[1].split(/[\s,/]+/).filter(Boolean).map(parseFloat);
        if (p.length >= 3 && !p.some(isNaN)) c = [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
      }
      colors.set(v, c);
      return c;
    };
    const over = (top, bottom) => {
      const a = top[3];
      return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
    };
    const channel = (v) => {
      v /= 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (c) => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
    const hex = (c) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
    // The canvas behind everything is white, unless the page asks for a
    // dark one only, whose exact colour is the browser's: then unknown.
    const scheme = style(document.documentElement).colorScheme || '';
    const canvas = /dark/.test(scheme) && !/light/.test(scheme) ? null : [255, 255, 255, 1];

    // The opaque colour behind an element: its background over its
    // ancestors' down to the first opaque one, or the canvas. null
    // when an image or gradient, or content the element is positioned over,
    // may be behind it. Memoised, so the whole page costs one walk.
    const behind = new Map();
    const background = (el) => {
      const chain = [];
      let base = canvas;
      for (let e = el; e; e = e.parentElement) {
        if (behind.has(e)) { base = behind.get(e); break; }
        const cs = style(e);
        const c = parseColor(cs.backgroundColor);
        if (!c || cs.backgroundImage !== 'none') { base = null; behind.set(e, null); break; }
        if (c[3] >= 1) { base = c; behind.set(e, c); break; }
        if (cs.position === 'absolute' || cs.position === 'fixed') { base = null; behind.set(e, null); break; }
        chain.push(e);
      }
      for (let i = chain.length - 1; i >= 0; i--) {
        const c = parseColor(style(chain[i]).backgroundColor);
        base = base && (c[3] > 0 ? over(c, base) : base);
        behind.set(chain[i], base);
      }
      return base;
    };

    // Text: the characters of each element's own text nodes.
    const skipText = new Set(['script', 'style', 'noscript', 'template', 'option', 'optgroup', 'select', 'textarea', 'title']);
    const own = new Map();
    const root = document.body || document.documentElement;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(), i = 0; n && i < MAX_TEXT_NODES; n = walker.nextNode(), i++) {
      const len = n.data.trim().length;
      const el = n.parentElement;
      if (!len || !el || skipText.has(el.localName)) continue;
      const o = own.get(el);
      if (o) o.chars += len;
      else own.set(el, { chars: len, text: n.data });
    }
    const disabled = 'button:disabled, input:disabled, fieldset:disabled, [aria-disabled="true"]';
    let textChars = 0, smallChars = 0, checked = 0, unknown = 0;
    const small = [], low = [];
    let i = 0;
    for (const [el, o] of own) {
      if (++i % 256 === 0 && performance.now() > deadline) break;
      if (!visible(el)) continue;
      const cs = style(el);
      if (cs.position === 'absolute' || cs.position === 'fixed') {
        // Text hidden for screen readers only: clipped to a pixel, or off the page.
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1 || r.right + sx <= 0 || r.bottom + sy <= 0) continue;
      }
      const px = parseFloat(cs.fontSize) || 0;
      if (px <= 0) continue;
      textChars += o.chars;
      if (px * zoom < SMALL_TEXT) {
        smallChars += o.chars;
        small.push({ el, size: px * zoom, chars: o.chars });
      }
      if (el.closest(disabled)) continue; // inactive controls are exempt
      const fg = parseColor(cs.color);
      const bg = background(el);
      if (!fg || !bg) { unknown++; continue; }
      checked++;
      const shown = fg[3] < 1 ? over(fg, bg) : fg;
      const l1 = luminance(shown), l2 = luminance(bg);
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      const bold = (parseInt(cs.fontWeight, 10) || 400) >= 700;
      const required = px >= 24 || (px >= 18.66 && bold) ? 3 : 4.5;
      if (ratio < required) {
        low.push({ el, text: o.text, ratio, required, color: hex(shown), background: hex(bg), size: px, bold });
      }
    }
    small.sort((a, b) => b.chars - a.chars);
    low.sort((a, b) => a.ratio - b.ratio);

    // Tap targets: visible links, buttons and form controls, with their
    // boxes in page coordinates.
    const boxes = (el) => {
      const out = [];
      for (const r of el.getClientRects()) {
        if (r.width > 1 && r.height > 1) out.push({ l: r.left + sx, t: r.top + sy, r: r.right + sx, b: r.bottom + sy });
        if (out.length === 4) break;
      }
      return out;
    };
    const area = (a, b) => Math.max(0, Math.min(a.r, b.r) - Math.max(a.l, b.l)) * Math.max(0, Math.min(a.b, b.b) - Math.max(a.t, b.t));
    const found = document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, ' +
      '[role="button"], [role="link"], [role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="menuitem"]');
    const targets = [];
    for (let i = 0; i < found.length && targets.length < MAX_TARGETS; i++) {
      const el = found[i];
      if (el.disabled || !visible(el)) continue;
      const bx = boxes(el);
      if (!bx.length) continue;
      let main = bx[0];
      for (const b of bx) if ((b.r - b.l) * (b.b - b.t) > (main.r - main.l) * (main.b - main.t)) main = b;
      targets.push({ el, bx, main });
    }
    // A grid of 64 px cells; boxes spanning many cells are kept aside and
    // compared with every small target.
    const CELL = 64, grid = new Map(), wide = [];
    const cells = (b, f) => {
      for (let y = Math.floor(b.t / CELL); y <= Math.floor(b.b / CELL); y++) {
        for (let x = Math.floor(b.l / CELL); x <= Math.floor(b.r / CELL); x++) f(y * 65536 + x);
      }
    };
    targets.forEach((t, i) => {
      for (const b of t.bx) {
        if ((b.r - b.l) * (b.b - b.t) > 64 * CELL * CELL) { wide.push(i); continue; }
        cells(b, (k) => { const c = grid.get(k); if (c) c.push(i); else grid.set(k, [i]); });
      }
    });
    // A link inside a sentence is exempt: text with letters or digits sits
    // next to it (or next to the inline element it is in).
    const words = /[\p{L}\p{N}]/u;
    const inSentence = (el) => {
      for (let e = el, d = 0; e && d < 3 && style(e).display === 'inline'; e = e.parentElement, d++) {
        for (const dir of ['previousSibling', 'nextSibling']) {
          let n = e[dir];
          for (let k = 0; n && k < 3; n = n[dir], k++) {
            if (n.nodeType === Node.TEXT_NODE) {
              if (words.test(n.data)) return true;
              if (n.data.trim()) break;
            } else if (n.nodeType === Node.ELEMENT_NODE) {
              if (!n.matches('a, button, input, select, textarea') && style(n).display === 'inline' && words.test(n.textContent.slice(0, 200))) return true;
              break;
            }
          }
        }
      }
      return false;
    };
    const crowded = [];
    const seen = new Set();
    for (let i = 0; i < targets.length; i++) {
      if (i % 256 === 255 && performance.now() > deadline) break;
      const a = targets[i];
      const w = a.main.r - a.main.l, h = a.main.b - a.main.t;
      if ((w >= FINGER && h >= FINGER) || inSentence(a.el)) continue;
      // A finger pressing the middle of the target covers a 48 px square;
      // the target is crowded when that square covers another target by
      // at least a quarter of what it covers of this one, or they overlap.
      const cx = (a.main.l + a.main.r) / 2, cy = (a.main.t + a.main.b) / 2;
      const finger = { l: cx - FINGER / 2, r: cx + FINGER / 2, t: cy - FINGER / 2, b: cy + FINGER / 2 };
      let mine = 0;
      for (const b of a.bx) mine += area(finger, b);
      const reach = { l: Math.min(finger.l, a.main.l), r: Math.max(finger.r, a.main.r), t: Math.min(finger.t, a.main.t), b: Math.max(finger.b, a.main.b) };
      seen.clear();
      const near = [...wide];
      cells(reach, (k) => { for (const j of grid.get(k) || []) near.push(j); });
      let worst = null, worstArea = 0, overlaps = false;
      for (const j of near) {
        if (j === i || seen.has(j)) continue;
        seen.add(j);
        const b = targets[j];
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        if (a.el.href && a.el.href === b.el.href) continue; // both go to the same place
        let hit = 0, overlap = false;
        for (const x of b.bx) {
          hit += area(finger, x);
          for (const y of a.bx) if (area(x, y) > 0) overlap = true;
        }
        if (!overlap && hit < mine / 4) continue;
        if (!worst || overlap > overlaps || (overlap === overlaps && hit > worstArea)) {
          worst = b; worstArea = hit; overlaps = overlap;
        }
      }
      if (worst) crowded.push({ el: a.el, w, h, near: worst.el, overlaps });
    }
    crowded.sort((a, b) => (b.overlaps - a.overlaps) || (a.w * a.h - b.w * b.h));
    const label = (el) => short(el.getAttribute('aria-label') ||
      (el.labels && el.labels.length ? el.labels[0].textContent : '') ||
      el.getAttribute('placeholder') || el.textContent || (el.type === 'submit' || el.type === 'button' ? el.value : '') ||
      (el.querySelector('img[alt]') || { alt: '' }).alt || el.getAttribute('title') || el.getAttribute('name') || '', 40);

    return {
      tap_targets: targets.length,
      crowded_targets: crowded.slice(0, MAX).map((c) => ({
        selector: selector(c.el), text: label(c.el), width: round(c.w), height: round(c.h), near: selector(c.near), overlaps: c.overlaps,
      })),
      crowded_count: crowded.length,
      text_chars: textChars,
      small_text_chars: smallChars,
      small_text: small.slice(0, MAX).map((x) => ({ selector: selector(x.el), size_px: round(x.size), chars: x.chars })),
      contrast_checked: checked,
      contrast_unknown: unknown,
      low_contrast: low.slice(0, MAX).map((x) => ({
        selector: selector(x.el), text: short(x.text, 40), ratio: Math.floor(x.ratio * 100) / 100, required: x.required,
        color: x.color, background: x.background, size_px: round(x.size), bold: x.bold,
      })),
      low_contrast_count: low.length,
    };
  }

  // The layout as the device shows it: tap targets, text sizes and
  // contrast, in one pass over the DOM. A failure here leaves the metrics.
  let layout = null;
  try {
    layout = measureLayout(s.selector);
  } catch (e) { /* layout stays unmeasured */ }
  return {
    layout,
    ttfb: nav ? nav.responseStart : 0,
    fcp,
    lcp: lcp ? lcp.t : 0,
    lcpElement: lcp ? lcp.sel : '',
    lcpURL: lcp ? lcp.url : '',
    tbt,
    cls,
    shifts: s.shifts.map((sh) => ({ t: sh.t, v: sh.v, sources: sh.sources, causes: causesOf(sh), input: sh.input })),
    domNodes: document.getElementsByTagName('*').length,
  };
})()
