// The scorecard's tables and page drill-down, rendered from the embedded
// JSON a page of rows at a time. Everything from the audited site is set as
// text (textContent), never as markup, and only http and https URLs become
// links.
(function () {
  'use strict';
  performance.mark('uxaudit-script');

  // The data is JSON, or for big reports a JSON string holding the JSON
  // gzipped and base64-encoded.
  function load(done) {
    var node = document.getElementById('uxaudit-data');
    var v = JSON.parse(node.textContent);
    if (node.getAttribute('data-encoding') !== 'gzip+base64') return done(v);
    var bin = atob(v), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    if (typeof DecompressionStream !== 'function') {
      throw new Error('this browser cannot read the report\'s compressed data (no DecompressionStream): open it in a current browser');
    }
    new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text()
      .then(function (text) { done(JSON.parse(text)); })
      .catch(function (e) { setTimeout(function () { throw e; }); });
  }
  load(start);

  function start(D) {
  performance.mark('uxaudit-data');
  var S = D.strings, P = D.pages, F = D.findings, C = D.checks;
  var SEV = ['info', 'low', 'medium', 'high'];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === '') continue;
      parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
    return parent;
  }
  function isWeb(u) { return typeof u === 'string' && /^https?:\/\//i.test(u); }
  function link(u, text) {
    if (!isWeb(u)) return el('span', 'dead', text || u || '');
    var a = el('a', null, text || u);
    a.href = u;
    a.rel = 'noopener noreferrer';
    return a;
  }
  function ms(v) { return v >= 1000 ? (v / 1000).toFixed(1) + ' s' : Math.round(v) + ' ms'; }
  function bytes(v) {
    if (v >= 1048576) return (v / 1048576).toFixed(1) + ' MiB';
    if (v >= 1024) return Math.round(v / 1024) + ' KiB';
    return Math.round(v) + ' bytes';
  }
  function fmt(v, unit) {
    if (v === undefined || v === null) return '–';
    if (unit === 'ms') return ms(v);
    if (unit === 'bytes') return bytes(v);
    if (unit === 'grade') return 'grade ' + v.toFixed(1);
    if (!unit) return String(Math.round(v * 1000) / 1000);
    return (Math.round(v * 100) / 100) + ' ' + unit;
  }
  function sevBadge(s) { return el('span', 'sev sev-' + SEV[s], SEV[s]); }
  function pageOf(f) { return f.p >= 0 ? P[f.p].u : S[f.u || 0]; }
  function checkIndex(id) {
    for (var i = 0; i < C.length; i++) if (C[i].id === id) return i;
    return -1;
  }
  function problem(f) {
    var s = f.st ? String(f.st) : '';
    var v = S[f.vd || 0];
    return v ? (s ? s + ' · ' + v : v) : (s || S[f.m]);
  }

  // A table of rows (indexes into the data), sorted by one column, filtered
  // by the text of its rows and by selects, shown a page of rows at a time.
  function Table(name, rows, cols, opts) {
    var table = document.querySelector('table[data-table="' + name + '"]');
    if (!table) return null;
    var t = {
      rows: rows, view: rows, key: opts.key, dir: opts.dir || 1, page: 0, size: 25, q: '', sel: {},
      texts: null, tbody: table.querySelector('tbody'),
      status: document.querySelector('[data-status="' + name + '"]'),
      prev: document.querySelector('[data-prev="' + name + '"]'),
      next: document.querySelector('[data-next="' + name + '"]')
    };
    var ths = table.querySelectorAll('th[data-key]');
    function colOf(key) {
      for (var i = 0; i < cols.length; i++) if (cols[i].key === key) return cols[i];
      return null;
    }
    function markSort() {
      for (var i = 0; i < ths.length; i++) {
        var k = ths[i].getAttribute('data-key');
        if (k === t.key) ths[i].setAttribute('aria-sort', t.dir > 0 ? 'ascending' : 'descending');
        else ths[i].removeAttribute('aria-sort');
      }
    }
    function sort() {
      var c = colOf(t.key);
      if (!c || !c.sort) return;
      var keys = new Map();
      t.view.forEach(function (r) { keys.set(r, c.sort(r)); });
      var d = t.dir;
      t.view = t.view.slice().sort(function (a, b) {
        var x = keys.get(a), y = keys.get(b);
        if (x === y) return a - b;
        if (x === undefined || x === null) return 1;
        if (y === undefined || y === null) return -1;
        return (x < y ? -1 : 1) * d;
      });
    }
    function matches(r) {
      for (var f in t.sel) if (t.sel[f] !== '' && String(opts.field(r, f)) !== t.sel[f]) return false;
      if (!t.q) return true;
      if (!t.texts) t.texts = new Map();
      var s = t.texts.get(r);
      if (s === undefined) { s = opts.text(r).toLowerCase(); t.texts.set(r, s); }
      return s.indexOf(t.q) >= 0;
    }
    t.apply = function () {
      t.view = t.rows.filter(matches);
      sort();
      t.page = 0;
      t.render();
    };
    t.render = function () {
      var pages = Math.max(1, Math.ceil(t.view.length / t.size));
      t.page = Math.min(t.page, pages - 1);
      var from = t.page * t.size, to = Math.min(t.view.length, from + t.size);
      var frag = document.createDocumentFragment();
      for (var i = from; i < to; i++) {
        var tr = el('tr');
        for (var j = 0; j < cols.length; j++) {
          var td = el('td', cols[j].num ? 'num' : null);
          add(td, cols[j].cell(t.view[i]));
          tr.appendChild(td);
        }
        frag.appendChild(tr);
      }
      t.tbody.textContent = '';
      if (to === from) {
        var tr0 = el('tr'), td0 = el('td', 'muted', t.rows.length ? 'No row matches the filters.' : 'None.');
        td0.colSpan = cols.length;
        frag.appendChild(add(tr0, td0));
      }
      t.tbody.appendChild(frag);
      if (t.status) {
        t.status.textContent = t.view.length ? 'Rows ' + (from + 1) + '–' + to + ' of ' + t.view.length +
          (t.view.length !== t.rows.length ? ' (filtered from ' + t.rows.length + ')' : '') : '0 rows';
      }
      if (t.prev) t.prev.disabled = t.page === 0;
      if (t.next) t.next.disabled = t.page >= pages - 1;
      markSort();
    };
    t.setSelect = function (field, value) {
      t.sel[field] = value;
      var s = document.querySelector('[data-select="' + name + '"][data-field="' + field + '"]');
      if (s) s.value = value;
    };
    Array.prototype.forEach.call(ths, function (th) {
      th.querySelector('button').addEventListener('click', function () {
        var k = th.getAttribute('data-key');
        if (t.key === k) t.dir = -t.dir;
        else { t.key = k; var c = colOf(k); t.dir = c && c.desc ? -1 : 1; }
        sort();
        t.page = 0;
        t.render();
      });
    });
    var input = document.querySelector('[data-filter="' + name + '"]');
    var timer = 0;
    if (input) input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { t.q = input.value.trim().toLowerCase(); t.apply(); }, 150);
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-select="' + name + '"]'), function (s) {
      s.addEventListener('change', function () { t.sel[s.getAttribute('data-field')] = s.value; t.apply(); });
    });
    var size = document.querySelector('[data-size="' + name + '"]');
    if (size) size.addEventListener('change', function () { t.size = parseInt(size.value, 10) || 25; t.page = 0; t.render(); });
    if (t.prev) t.prev.addEventListener('click', function () { t.page--; t.render(); });
    if (t.next) t.next.addEventListener('click', function () { t.page++; t.render(); });
    if (!opts.presorted) sort();
    t.render();
    return t;
  }

  function detailsButton(i) {
    var b = el('button', 'act', 'Details');
    b.type = 'button';
    b.setAttribute('aria-label', 'Details of ' + P[i].u);
    b.addEventListener('click', function () { showPage(i, true); });
    return b;
  }
  function pageCell(i, url) {
    var td = el('span');
    add(td, link(url));
    if (i >= 0 && P[i].t) add(td, el('span', 'sub', P[i].t));
    return td;
  }

  // The broken links.
  var broken = [], brokenCheck = checkIndex('broken-links');
  var all = new Array(F.length);
  for (var fi = 0; fi < F.length; fi++) {
    all[fi] = fi;
    if (F[fi].c === brokenCheck) broken.push(fi);
  }
  Table('broken', broken, [
    { key: 'page', sort: function (r) { return pageOf(F[r]); }, cell: function (r) { return pageCell(F[r].p, pageOf(F[r])); } },
    { key: 'text', sort: function (r) { return S[F[r].l || 0].toLowerCase(); }, cell: function (r) { return S[F[r].l || 0] ? '“' + S[F[r].l] + '”' : el('span', 'muted', '(no text)'); } },
    { key: 'target', sort: function (r) { return S[F[r].t || 0]; }, cell: function (r) { return link(S[F[r].t || 0]); } },
    { key: 'problem', sort: function (r) { return problem(F[r]); }, cell: function (r) { var s = el('span'); add(s, sevBadge(F[r].s), ' ', problem(F[r])); return s; } }
  ], {
    key: 'page', dir: 1,
    text: function (r) { var f = F[r]; return [pageOf(f), S[f.l || 0], S[f.t || 0], problem(f)].join(' '); },
    field: function () { return ''; }
  });

  // Every page.
  var pageRows = new Array(P.length);
  for (var pi = 0; pi < P.length; pi++) pageRows[pi] = pi;
  var VI = { ttfb: 0, fcp: 1, lcp: 2, tbt: 3, cls: 4, req: 5, bytes: 6, dom: 7 };
  function vital(i, k) { return P[i].v ? P[i].v[VI[k]] : undefined; }
  var gradeKey = String(checkIndex('readability'));
  function grade(i) { return P[i].m ? P[i].m[gradeKey] : undefined; }
  Table('pages', pageRows, [
    { key: 'url', sort: function (i) { return P[i].u; }, cell: function (i) { return pageCell(i, P[i].u); } },
    { key: 'status', num: true, sort: function (i) { return P[i].s; }, cell: function (i) { return P[i].s ? String(P[i].s) : (P[i].e ? 'failed' : '–'); } },
    { key: 'depth', num: true, sort: function (i) { return P[i].d; }, cell: function (i) { return String(P[i].d); } },
    { key: 'weight', num: true, desc: true, sort: function (i) { return P[i].w || 0; }, cell: function (i) { return String(P[i].n || 0); } },
    { key: 'lcp', num: true, desc: true, sort: function (i) { return vital(i, 'lcp'); }, cell: function (i) { return fmt(vital(i, 'lcp'), 'ms'); } },
    { key: 'cls', num: true, desc: true, sort: function (i) { return vital(i, 'cls'); }, cell: function (i) { return fmt(vital(i, 'cls'), ''); } },
    { key: 'grade', num: true, desc: true, sort: function (i) { return grade(i); }, cell: function (i) { var g = grade(i); return g === undefined ? '–' : g.toFixed(1); } },
    { cell: detailsButton }
  ], {
    key: 'weight', dir: -1,
    text: function (i) { return P[i].u + ' ' + (P[i].t || '') + ' ' + P[i].s; },
    field: function () { return ''; }
  });

  // Every finding.
  var findings = Table('findings', all, [
    { key: 'sev', desc: true, sort: function (r) { return F[r].s; }, cell: function (r) { return sevBadge(F[r].s); } },
    { key: 'check', sort: function (r) { return C[F[r].c].id; }, cell: function (r) { return el('code', null, C[F[r].c].id); } },
    { key: 'page', sort: function (r) { return pageOf(F[r]) || ''; }, cell: function (r) {
      var f = F[r], s = el('span');
      if (f.p < 0 && !f.u) return el('span', 'muted', 'the site');
      add(s, link(pageOf(f)));
      if (f.p >= 0) { add(s, ' '); add(s, detailsButton(f.p)); }
      return s;
    } },
    { key: 'message', sort: function (r) { return S[F[r].m]; }, cell: function (r) {
      var f = F[r], s = el('span', null, S[f.m]);
      if (f.nw) s.insertBefore(el('span', 'tag-new', f.nw === 1 ? 'new' : 'new, not counted'), s.firstChild);
      if (f.t) add(s, add(el('span', 'sub'), 'Target: ', link(S[f.t])));
      if (f.x) add(s, add(el('span', 'sub'), 'Element: ', el('code', null, S[f.x])));
      return s;
    } }
  ], {
    key: 'sev', dir: -1, presorted: true, // result.json lists findings most severe first
    text: function (r) { var f = F[r]; return [C[f.c].id, C[f.c].title, pageOf(f) || '', S[f.m], S[f.t || 0], S[f.x || 0], SEV[f.s]].join(' '); },
    field: function (r, name) {
      var f = F[r];
      if (name === 'cat') return C[f.c].cat;
      if (name === 'sev') return f.s;
      if (name === 'group') return f.g || 0;
      if (name === 'new') return f.nw || 0;
      return '';
    }
  });

  function showFindings(field, value) {
    if (!findings) return;
    ['cat', 'sev', 'group', 'new'].forEach(function (k) { findings.setSelect(k, k === field ? value : ''); });
    findings.q = '';
    var input = document.getElementById('findings-filter');
    if (input) input.value = '';
    findings.apply();
    var h = document.getElementById('h-findings');
    h.setAttribute('tabindex', '-1');
    h.scrollIntoView();
    h.focus();
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-show-group]'), function (b) {
    b.addEventListener('click', function () { showFindings('group', b.getAttribute('data-show-group')); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-show-cat]'), function (b) {
    b.addEventListener('click', function () { showFindings('cat', b.getAttribute('data-show-cat')); });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-show-new]'), function (b) {
    b.addEventListener('click', function () { showFindings('new', b.getAttribute('data-show-new')); });
  });

  // The page drill-down.
  var byPage = null, shots = null;
  function screenshot(i) {
    if (!shots) shots = JSON.parse(document.getElementById('uxaudit-shots').textContent) || {};
    return shots[i];
  }
  var VITALS = [['ttfb', 'Time to first byte (browser)', 'ms'], ['fcp', 'First Contentful Paint', 'ms'],
    ['lcp', 'Largest Contentful Paint', 'ms'], ['tbt', 'Total Blocking Time', 'ms'], ['cls', 'Cumulative Layout Shift', ''],
    ['req', 'Requests', 'count'], ['bytes', 'Transferred', 'bytes'], ['dom', 'DOM nodes', 'count']];
  function row(dl, name, value) {
    if (value === undefined || value === null || value === '') return;
    add(dl, add(el('dt'), name), add(el('dd'), value));
  }
  function showPage(i, focus) {
    var p = P[i];
    if (!p) return;
    if (!byPage) {
      byPage = [];
      for (var k = 0; k < F.length; k++) {
        if (F[k].p < 0) continue;
        (byPage[F[k].p] = byPage[F[k].p] || []).push(k);
      }
    }
    var d = document.getElementById('detail');
    d.textContent = '';
    add(d, el('h3', null, p.t || p.u));
    var cols = add(el('div', 'cols'));
    var left = el('div');
    var dl = el('dl');
    row(dl, 'URL', link(p.u));
    if (p.fu) row(dl, 'Ends at', add(el('span'), link(p.fu), ' (' + (p.fs || '–') + ')'));
    row(dl, 'Status', p.s ? String(p.s) : 'no answer');
    row(dl, 'Error', p.e);
    row(dl, 'Depth', p.d + ' clicks from a start URL');
    if (p.b) row(dl, 'Size', bytes(p.b));
    if (p.ttfb) row(dl, 'Time to first byte (crawl)', ms(p.ttfb));
    if (p.h && p.h.length) {
      var ol = el('ol', 'chain');
      p.h.forEach(function (h) { add(ol, add(el('li'), link(h.u), el('span', 'status', h.s))); });
      row(dl, 'Redirects', ol);
    }
    if (p.v) VITALS.forEach(function (v) {
      var x = vital(i, v[0]);
      if (x !== undefined) row(dl, v[1], v[2] === 'count' ? String(x) : fmt(x, v[2]));
    });
    if (p.le) row(dl, 'LCP element', el('code', null, p.le));
    if (p.ve) row(dl, 'Browser', p.ve);
    if (p.m) Object.keys(p.m).sort(function (a, b) { return a - b; }).forEach(function (k) {
      var c = C[+k] || { id: 'check ' + k };
      row(dl, add(el('span'), 'Value of ', el('code', null, c.id)), fmt(p.m[k], c.unit));
    });
    add(left, dl);
    var list = (byPage[i] || []).slice().sort(function (a, b) { return F[b].s - F[a].s || a - b; });
    add(left, el('h4', null, list.length ? 'Findings (' + list.length + ')' : 'No findings'));
    var ul = el('ul', 'findings');
    list.forEach(function (k) {
      var f = F[k], li = el('li');
      add(li, sevBadge(f.s), ' ', el('strong', null, C[f.c].fail || C[f.c].title), ' ', el('code', null, C[f.c].id), ': ', S[f.m]);
      if (f.k > 1) add(li, ' (' + f.k + ' times)');
      if (f.t) add(li, add(el('span', 'sub'), 'Target: ', link(S[f.t])));
      if (f.x) add(li, add(el('span', 'sub'), 'Element: ', el('code', null, S[f.x])));
      if (f.l) add(li, el('span', 'sub', 'Link text: “' + S[f.l] + '”'));
      if (f.i && f.i.length) {
        var items = el('ul');
        f.i.forEach(function (n) { var s = S[n]; add(items, add(el('li'), isWeb(s) ? link(s) : s)); });
        add(li, items);
      }
      add(ul, li);
    });
    add(left, ul);
    add(cols, left);
    var src = screenshot(i);
    if (typeof src === 'string' && src.indexOf('data:image/jpeg;base64,') === 0) {
      var fig = el('figure');
      var img = el('img', 'shot');
      img.src = src;
      img.alt = 'The first screen of the page, as the browser rendered it';
      add(fig, img, el('figcaption', 'muted', 'First screen in the browser'));
      add(cols, fig);
    }
    add(d, cols);
    if (focus) {
      d.scrollIntoView();
      d.focus();
      if (history.replaceState) history.replaceState(null, '', '#page=' + i);
    }
  }
  var m = /^#page=(\d+)$/.exec(location.hash);
  if (m) showPage(parseInt(m[1], 10), true);

  performance.mark('uxaudit-ready');
  document.documentElement.setAttribute('data-ready', String(Math.round(performance.now())));
  }
})();
