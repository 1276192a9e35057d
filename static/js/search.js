/* danvan site search: the browser client of the static index written by
   internal/search/static (Go). Analysis and scoring mirror its Go twins,
   internal/search/analysis and internal/search/static, line for line;
   scores are integers so both agree exactly.
   No framework; content and query reach the page only as DOM text nodes. */
(function (G) {
  'use strict';
  var DS = 'đĐÐðƉɖ', MARK = /[\u0300-\u036f]/;
  var TONES = { '\u0300': '1', '\u0301': '2', '\u0309': '3', '\u0303': '4', '\u0323': '5' };
  var WORD = /[\p{L}\p{Nd}][\p{L}\p{Nd}\p{M}]*/gu;
  var memo = {};

  // foldChar mirrors vi.FoldRune.
  function foldChar(c) {
    var n = c.codePointAt(0);
    if (n < 128) return c.toLowerCase();
    var r = memo[c];
    if (r !== undefined) return r;
    if (DS.indexOf(c) >= 0) r = 'd';
    else if (n >= 0xc0 && n <= 0x1eff) {
      var k = Array.from(c.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
      r = (k.length === 1 ? k[0] : c).toLowerCase();
      if (Array.from(r).length !== 1) r = c;
    } else {
      r = c.toLowerCase();
      var l = Array.from(r);
      if (l.length !== 1) r = c;
      else if ((n = r.codePointAt(0)) >= 0xc0 && n <= 0x1eff && r !== c) r = foldChar(r);
    }
    return (memo[c] = r);
  }

  // fold mirrors vi.Fold.
  function fold(s) {
    s = s.normalize('NFC');
    var out = '', dropped = false;
    for (var c of s) {
      if (MARK.test(c)) dropped = true;
      else out += foldChar(c);
    }
    return dropped ? out.normalize('NFC') : out;
  }

  // exactKey mirrors search.ExactKey.
  function exactKey(w) {
    var d = '', out = '', tone = '';
    for (var c of w.normalize('NFC')) d += Array.from(c.toLowerCase())[0];
    d = d.normalize('NFC').normalize('NFD');
    for (var c of d) {
      if (TONES[c]) tone = TONES[c];
      else out += c;
    }
    return out.normalize('NFC') + tone;
  }

  // MAX_WORD_RUNES and words mirror analysis.MaxWordRunes and analysis.Words:
  // a word longer than that is cut, as the index cut it.
  var MAX_WORD_RUNES = 40;
  function cut(w) {
    var a = Array.from(w);
    return a.length > MAX_WORD_RUNES ? a.slice(0, MAX_WORD_RUNES).join('') : w;
  }
  function words(s) { return (s.normalize('NFC').match(WORD) || []).map(cut); }

  // analyze mirrors search.QueryWords.
  function analyze(q) {
    var seen = {}, ws = [], seq = [];
    words(q).forEach(function (w) {
      var f = fold(w);
      seq.push(f);
      if (!seen[f]) { seen[f] = 1; ws.push({ f: f, x: exactKey(w) }); }
    });
    return { words: ws, seq: seq };
  }

  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function findShard(first, t) {
    var lo = 0, hi = first.length;
    while (lo < hi) { var m = (lo + hi) >> 1; if (first[m] > t) hi = m; else lo = m + 1; }
    return Math.max(0, lo - 1);
  }

  // Index wraps a manifest; load(path) returns a promise of parsed JSON.
  // Files, decoded terms and completions are kept (as promises, so a
  // request in flight is shared): typing "don dien d", "don dien do"…
  // decodes "don" and "dien" once.
  function Index(base, load) {
    this.base = base; this.load = load; this.files = {}; this.memo = {};
  }
  // once(cache, key, make) returns cache[key], made by make() on first
  // use; a failure is forgotten so the next call retries.
  function once(c, key, make) {
    if (!c[key]) c[key] = make().catch(function (e) { delete c[key]; throw e; });
    return c[key];
  }
  Index.prototype.get = function (name) {
    var self = this;
    return once(this.files, name, function () { return self.load(self.base + name); });
  };
  Index.prototype.open = function () {
    var self = this;
    return this.get('manifest.json').then(function (m) { self.m = m; self.v = m.v + '/'; return self; });
  };
  Index.prototype.shard = function (k, i) { return this.get(this.v + k + i + '.json'); };

  function decode(e, bigram) {
    var ps = e[bigram ? 3 : 4], step = bigram ? 1 : e[3].length ? 3 : 2, d = 0;
    var r = { t: e[0], df: e[1], idf: e[2], v: bigram ? [] : e[3], d: [], q: [], m: [] };
    for (var i = 0; i + step <= ps.length; i += step) {
      d += ps[i]; r.d.push(d);
      if (!bigram) { r.q.push(ps[i + 1]); r.m.push(step === 3 ? ps[i + 2] : 0); }
    }
    return r;
  }

  Index.prototype.lookup = function (k, t) {
    var self = this, first = k === 'b' ? this.m.bi : this.m.uni;
    if (!first.length) return Promise.resolve(null);
    return once(this.memo, k + ' ' + t, function () {
      return self.shard(k, findShard(first, t)).then(function (es) {
        var lo = 0, hi = es.length;
        while (lo < hi) { var m = (lo + hi) >> 1; if (es[m][0] < t) lo = m + 1; else hi = m; }
        return lo < es.length && es[lo][0] === t ? decode(es[lo], k === 'b') : null;
      });
    });
  };

  Index.prototype.completions = function (p) {
    var self = this;
    return once(this.memo, 'p ' + p, function () {
      var first = self.m.uni, i0 = findShard(first, p), ps = [];
      for (var i = i0; i < first.length && i < i0 + 2; i++) {
        if (i > i0 && first[i].indexOf(p) !== 0) break;
        ps.push(self.shard('u', i));
      }
      return Promise.all(ps).then(function (shards) {
        var out = [];
        shards.forEach(function (es) { es.forEach(function (e) { if (e[0].indexOf(p) === 0) out.push(e); }); });
        out.sort(function (a, b) { return (b[0] === p) - (a[0] === p) || b[1] - a[1] || cmp(a[0], b[0]); });
        return out.slice(0, 20).map(function (e) { return decode(e); });
      });
    });
  };

  // oneEdit and correction mirror fuzzy.go: a query word of 5 letters or
  // more that is no term is read as the most frequent listed word one
  // edit away.
  var ASCII = /^[\x00-\x7f]*$/;
  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) ||
      i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return a.length + 1 === b.length ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
  }
  Index.prototype.correction = function (w) {
    var self = this;
    if (!ASCII.test(w) || w.length < 5) return Promise.resolve(null);
    return once(this.memo, 'f ' + w, function () {
      // An export older than the word list corrects nothing.
      return self.get(self.v + 'words.json').catch(function () { return []; }).then(function (l) {
        var best = '', df = -1;
        for (var i = 0; i + 1 < l.length; i += 2) if (l[i + 1] > df && oneEdit(w, l[i])) { best = l[i]; df = l[i + 1]; }
        return best ? self.lookup('u', best) : null;
      });
    });
  };

  // search mirrors static.Index.Search; filter(doc) may reject documents.
  Index.prototype.search = function (q, typing, filter) {
    var self = this, a = analyze(q), ws = a.words, seq = a.seq, prefix = '';
    if (typing && ws.length && !/\s$/.test(q)) {
      var last = seq[seq.length - 1];
      if (ws[ws.length - 1].f === last) { prefix = last; ws = ws.slice(0, -1); }
    }
    var bis = [], seen = {};
    for (var i = 1; i < seq.length; i++) {
      var bg = seq[i - 1] + '_' + seq[i];
      if (seen[bg] || seq[i - 1] === seq[i]) continue;
      seen[bg] = 1; bis.push(bg);
    }
    return Promise.all([
      Promise.all(ws.map(function (w) {
        return self.lookup('u', w.f).then(function (e) {
          return e ? { e: e } : self.correction(w.f).then(function (c) { return c && { e: c, fz: 1 }; });
        });
      })),
      prefix.length >= 2 ? this.completions(prefix) : [],
      Promise.all(bis.map(function (b) { return self.lookup('b', b); }))
    ]).then(function (r) {
      var acc = new Map();
      function get(d) { var x = acc.get(d); if (!x) acc.set(d, x = { doc: d, score: 0, matched: 0 }); return x; }
      r[0].forEach(function (o, j) {
        if (!o) return;
        var e = o.e, w = ws[j], vk = -1;
        if (w.x !== w.f && !o.fz) e.v.forEach(function (v, k) { if (v === w.x) vk = k; });
        e.d.forEach(function (d, i) {
          var x = get(d);
          x.score += e.idf * e.q[i] * (o.fz ? 1 : vk >= 0 && (e.m[i] & (1 << vk)) ? 3 : 2);
          x.matched++;
        });
      });
      if (prefix.length >= 2) {
        var best = new Map();
        var cap = r[1].length && r[1][0].t === prefix ? r[1][0].idf : -1;
        r[1].forEach(function (e) {
          var m = e.t === prefix ? 2 : 1, idf = m === 1 && cap >= 0 ? Math.min(e.idf, cap) : e.idf;
          e.d.forEach(function (d, i) { var c = idf * e.q[i] * m; if (c > (best.get(d) || 0)) best.set(d, c); });
        });
        best.forEach(function (c, d) { var x = get(d); x.score += c; x.matched++; });
      }
      r[2].forEach(function (e) {
        if (e) e.d.forEach(function (d) { var x = acc.get(d); if (x) x.score += e.idf * self.m.q * 2; });
      });
      var out = [];
      acc.forEach(function (x) { if (!filter || filter(x.doc)) out.push(x); });
      out.sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.doc - b.doc; });
      return out;
    });
  };

  Index.prototype.facets = function () { return this.get(this.v + 'facets.json'); };
  Index.prototype.record = function (d) {
    var n = this.m.chunk, c = Math.floor(d / n);
    return this.get(this.v + 'd' + c + '.json').then(function (rs) { return rs[d - c * n]; });
  };

  // has(facet, doc, value): does doc count for value (history rule)?
  function has(fc, d, v) {
    for (var x = fc.d[d], h = 0; x >= 0 && h < 50; h++) {
      if (fc.v[x] === v) return true;
      if (!fc.s) break;
      x = fc.s[x];
    }
    return false;
  }

  var api = { fold: fold, exactKey: exactKey, analyze: analyze, words: words, Index: Index, has: has };
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (!G.document) return;

  // ---- The page ----
  var doc = G.document, $ = function (id) { return doc.getElementById(id); };
  var form = $('search-form'), input = $('q'), list = $('search-results'), status = $('search-status'), more = $('search-more');
  if (!form || !input || !list) return;
  var FIELDS = [['area', 'linh-vuc'], ['locality', 'dia-ban'], ['year', 'nam'], ['subject', 'loai']];
  var sel = {}, facets = null, idx = new Index('/tim-kiem/', function (u) {
    return fetch(u).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  });
  var ready = idx.open(), seq = 0, timer = 0;
  var nojs = doc.querySelector('.no-js-help');
  if (nojs) nojs.hidden = true;
  var box = $('search-filters');
  if (box) box.hidden = false;
  FIELDS.forEach(function (f) { sel[f[0]] = $('f-' + f[1]); });

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.appendChild(doc.createTextNode(text));
    return e;
  }
  function filters() {
    var o = {};
    FIELDS.forEach(function (f) { if (sel[f[0]] && sel[f[0]].value) o[f[0]] = sel[f[0]].value; });
    return o;
  }
  function keep(fs, except) {
    return function (d) {
      for (var k in fs) if (k !== except && !has(facets.f[k], d, fs[k])) return false;
      return true;
    };
  }
  function label(k, v, old) {
    if (k === 'area') return idx.m.areas[v] || v;
    if (k === 'locality') return (idx.m.loc[v] || v) + (old ? ' (trước sáp nhập)' : '');
    if (k === 'subject') return v === 'tap-the' ? 'Tập thể' : v === 'ca-nhan' ? 'Cá nhân' : v;
    return v;
  }
  // Live counts: each option counts the results under the other filters.
  function counts(all, fs) {
    FIELDS.forEach(function (f) {
      var k = f[0], s = sel[k], fc = facets.f[k];
      if (!s || !fc) return;
      var c = {}, ok = keep(fs, k);
      all.forEach(function (x) {
        if (!ok(x.doc)) return;
        for (var y = fc.d[x.doc], h = 0; y >= 0 && h < 50; h++) { c[y] = (c[y] || 0) + 1; if (!fc.s) break; y = fc.s[y]; }
      });
      var cur = s.value;
      while (s.options.length > 1) s.remove(1);
      fc.v.map(function (v, i) { return [v, i]; }).filter(function (p) { return c[p[1]] || p[0] === cur; })
        .sort(function (a, b) { return (c[b[1]] || 0) - (c[a[1]] || 0) || cmp(a[0], b[0]); })
        .forEach(function (p) { s.add(new Option(label(k, p[0], fc.s && fc.s[p[1]] >= 0) + ': ' + (c[p[1]] || 0) + ' bài', p[0])); });
      s.value = cur;
    });
  }

  // mark appends text to parent, wrapping words whose fold is a query term
  // (or starts with the unfinished last word) in <mark>.
  function mark(parent, text, terms, prefix) {
    var last = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      var f = fold(m[0]);
      if (terms[f] || (prefix && f.indexOf(prefix) === 0)) {
        if (m.index > last) parent.appendChild(doc.createTextNode(text.slice(last, m.index)));
        parent.appendChild(el('mark', '', m[0]));
        last = m.index + m[0].length;
      }
    }
    if (last < text.length) parent.appendChild(doc.createTextNode(text.slice(last)));
  }
  function snippet(r, terms, prefix) {
    var s = r[5] || '', t = r[6] || '';
    var hit = function (x) { return (x.match(WORD) || []).some(function (w) { var f = fold(w); return terms[f] || (prefix && f.indexOf(prefix) === 0); }); };
    if (hit(s) || !hit(t)) return s;
    var ws = t.match(WORD), pos = 0;
    for (var i = 0; i < ws.length; i++) {
      var f = fold(ws[i]);
      if (terms[f] || (prefix && f.indexOf(prefix) === 0)) { pos = t.indexOf(ws[i]); break; }
    }
    var a = Math.max(0, t.lastIndexOf(' ', Math.max(0, pos - 60)));
    return (a > 0 ? '…' : '') + t.slice(a, a + 200).trim() + (a + 200 < t.length ? '…' : '');
  }

  function state() {
    var p = new URLSearchParams(G.location.search);
    input.value = p.get('q') || '';
    FIELDS.forEach(function (f) {
      var s = sel[f[0]], v = p.get(f[1]) || '';
      if (!s) return;
      if (v && !Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.add(new Option(v, v));
      s.value = v;
    });
  }
  function url() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set('q', input.value.trim());
    FIELDS.forEach(function (f) { if (sel[f[0]] && sel[f[0]].value) p.set(f[1], sel[f[0]].value); });
    var s = p.toString();
    return '/tim-kiem/' + (s ? '?' + s : '');
  }
  // History: a search gets one entry. Typing pushes an entry once, on its
  // first change after a finished search, then updates it; Enter or a
  // filter marks it finished. So Back returns to the previous search
  // however fast the user typed and pressed Enter.
  var committed = G.location.pathname + G.location.search;
  function save(push) {
    var u = url(), cur = G.location.pathname + G.location.search;
    if (u !== cur) G.history[push || cur === committed ? 'pushState' : 'replaceState'](null, '', u);
    if (push) committed = u;
  }

  // Results come PAGE at a time ("Xem thêm" for the next): each shown
  // result costs the request of its record. The first FIRST records are
  // asked for alone and shown at once, then the rest of the page: on a
  // busy phone or machine, requests compete for the CPU, and five come
  // back sooner than ten.
  var PAGE = 10, FIRST = 5, cur = null;

  // run searches for the box's text and shows the first page of results.
  // It resolves when done (or superseded, or failed).
  function run(typing) {
    var q = input.value, my = ++seq, fs = filters(), need = Object.keys(fs).length || (box && box.open);
    if (!q.trim()) { cur = null; list.textContent = ''; status.textContent = ''; if (more) more.hidden = true; return Promise.resolve(); }
    return ready.then(function () {
      return need && !facets ? idx.facets().then(function (f) { facets = f; }) : null;
    }).then(function () {
      return idx.search(q, typing);
    }).then(function (all) {
      if (my !== seq) return;
      var ok = keep(fs), a = analyze(q), terms = {}, prefix = '';
      a.words.forEach(function (w) { terms[w.f] = 1; });
      if (typing && !/\s$/.test(q) && a.seq.length) prefix = a.seq[a.seq.length - 1];
      if (prefix.length < 2) prefix = '';
      var c = { my: my, all: all, fs: fs, res: all.filter(function (x) { return ok(x.doc); }), terms: terms, prefix: prefix, shown: 0 };
      return show(c, FIRST, false).then(function () { if (c.my === seq) return show(c, PAGE - FIRST, true); });
    }).catch(function () {
      if (my === seq) status.textContent = 'Không tải được chỉ mục tìm kiếm. Vui lòng thử lại.';
    });
  }

  // show fetches the records of the next k results of c and renders them
  // in one DOM change: the first batch of a search replaces the list and
  // sets the status, later ones append. end says the page is complete
  // (the "Xem thêm" button then shows if more results are left).
  function show(c, k, end) {
    if (c.busy) return Promise.resolve(); // a second click while loading
    var from = c.shown, top = c.res.slice(from, from + k);
    c.busy = true;
    return Promise.all(top.map(function (x) { return idx.record(x.doc); })).then(function (recs) {
      c.busy = false;
      if (c.my !== seq) return;
      var frag = doc.createDocumentFragment();
      recs.forEach(function (r) {
        var li = el('li', 'search-result'), h = el('h2', 'search-title'), link = el('a');
        link.href = r[1];
        mark(link, r[0], c.terms, c.prefix);
        h.appendChild(link); li.appendChild(h);
        li.appendChild(el('p', 'search-meta', [label('area', r[2]), label('locality', r[3]), r[4].split('-').reverse().map(Number).join('/')].join(' · ')));
        var p = el('p', 'search-snippet');
        mark(p, snippet(r, c.terms, c.prefix), c.terms, c.prefix);
        li.appendChild(p);
        frag.appendChild(li);
      });
      var n = c.res.length;
      cur = c;
      c.shown = from + recs.length;
      if (from) {
        list.appendChild(frag);
      } else {
        list.replaceChildren(frag);
        // The count, once a search: the live region speaks it once.
        status.textContent = n ? 'Tìm thấy ' + n + ' bài.' : 'Không tìm thấy bài nào. ' + (Object.keys(c.fs).length ? 'Hãy bỏ bớt bộ lọc' : 'Hãy bớt một từ') + ', kiểm tra chính tả, hoặc tìm theo lĩnh vực, địa bàn.';
        if (facets) counts(c.all, c.fs);
      }
      if (more) {
        more.hidden = !end || c.shown >= n;
        more.textContent = 'Xem thêm ' + Math.min(PAGE, n - c.shown) + ' bài (đã hiện ' + c.shown + '/' + n + ')';
      }
    }, function (e) { c.busy = false; throw e; });
  }

  // Input: a keystroke after a quiet spell of 20 ms is searched at once;
  // keystrokes closer together (a fast typist, key repeat) are folded into
  // one search 20 ms after the previous one. The URL is brought up to date
  // after the results are painted: replaceState costs the main thread a
  // trip to the browser process (up to 15 ms on a busy machine), and
  // nothing on screen waits for it.
  var last = -1e9;
  function fire() {
    timer = 0; last = performance.now();
    run(true).then(function () { requestAnimationFrame(function () { setTimeout(save, 0, false); }); });
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var wait = last + 20 - performance.now();
    if (wait <= 0) fire(); else timer = setTimeout(fire, wait);
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); save(true); run(false); });
  FIELDS.forEach(function (f) { if (sel[f[0]]) sel[f[0]].addEventListener('change', function () { save(true); run(false); }); });
  if (box) box.addEventListener('toggle', function () { if (box.open) run(false); });
  if (more) more.addEventListener('click', function () {
    var c = cur, i = c && c.shown;
    if (!c || c.my !== seq) return;
    show(c, PAGE, true).then(function () {
      var a = list.querySelectorAll('li a')[i]; // keyboard users go on at the first new result
      if (a) a.focus();
    }).catch(function () { status.textContent = 'Không tải được thêm kết quả. Vui lòng thử lại.'; });
  });
  G.addEventListener('popstate', function () { committed = G.location.pathname + G.location.search; state(); run(false); });
  // Keyboard: ↓ from the box into the results, ↑/↓ between them, Esc back.
  doc.addEventListener('keydown', function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll('a')), i = links.indexOf(doc.activeElement);
    if (e.key === 'ArrowDown' && (doc.activeElement === input || i >= 0) && links.length) {
      e.preventDefault(); links[Math.min(i + 1, links.length - 1)].focus();
    } else if (e.key === 'ArrowUp' && i >= 0) {
      e.preventDefault(); (i ? links[i - 1] : input).focus();
    } else if (e.key === 'Escape' && i >= 0) input.focus();
  });
  state();
  run(false);
})(typeof window !== 'undefined' ? window : globalThis);
