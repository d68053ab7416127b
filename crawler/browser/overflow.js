// Evaluated after the viewport was narrowed to a small phone's width (the
// argument, in CSS px): does the document scroll sideways, and which
// elements reach past the viewport's right edge? Names the outermost ones,
// furthest first, at most 20.
async (width) => {
  // The new size reaches the page with its next frame; its resize handlers
  // run after that. Timers stand in for frames a hidden page does not get.
  const frame = () => new Promise((done) => { requestAnimationFrame(() => done()); setTimeout(done, 100); });
  for (let i = 0; i < 10 && screen.width !== width; i++) await frame();
  await frame();
  await frame();
  const s = window.__uxaudit;
  const selector = s && s.selector ? s.selector : (el) => el.localName;
  const root = document.documentElement;
  const body = document.body;
  const viewport = root.clientWidth;
  // A root (or body) that clips its overflow cannot be scrolled sideways:
  // what is cut off is another matter.
  const clips = (el) => el && ['hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  const rootClips = clips(root) || (getComputedStyle(root).overflowX === 'visible' && clips(body));
  const scrollWidth = rootClips ? viewport : Math.max(root.scrollWidth, body ? body.scrollWidth : 0);
  const out = { width: screen.width, viewport, scrollWidth, overflowing: [], count: 0 };
  if (scrollWidth <= viewport || !body) return out;

  // Walk down from body; an element past the right edge is named and its
  // children left (they are inside it); an element that clips its overflow
  // hides its children's; fixed elements never widen the page.
  const found = [];
  const stack = [body];
  const edge = viewport + window.scrollX + 1;
  for (let visited = 0; stack.length && visited < 50000; visited++) {
    const el = stack.pop();
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.position === 'fixed') continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right + window.scrollX > edge) {
      found.push({ el, width: r.width, right: r.right + window.scrollX });
      continue;
    }
    if (el !== body && cs.overflowX !== 'visible') continue;
    for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  }
  found.sort((a, b) => b.right - a.right);
  out.count = found.length;
  out.overflowing = found.slice(0, 20).map((f) => ({
    selector: selector(f.el), width: Math.round(f.width), right: Math.round(f.right),
  }));
  return out;
}
