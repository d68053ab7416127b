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
  return {
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
