/* danvan site search: the browser client of the static index under
   /tim-kiem/. It is a mirror of Go code, part by part, and each part names
   its Go twin; the parity tests (internal/search) hold them equal:
     1. FORMAT    positions and constants of the index   static.Format
     2. analysis  folding, exact forms, syllables        internal/search/analysis
     3. Index     reading the index files                static/read.go, fuzzy.go
     4. ranking   the one ranking of danvan              static/score.go
     5. Page      the search page (no Go twin)
   Scores are integers, so Go and JavaScript agree exactly. Content and
   queries reach the page only as DOM text nodes. Loaded as a module: its
   names stay out of the page's global scope. */
'use strict';

// ---- 1. FORMAT (Go: static.Format; CHAIN is content.MaxMergeChain, FILES
// the folder of the versioned files, static.FilesDir) ----

var FORMAT = {
  entryTerm: 0, entryDF: 1, entryVariants: 2, entryPostings: 3, entrySignatures: 4,
  pairTerm: 0, pairDF: 1, pairDocs: 2, pairHeads: 3,
  inTitle: 1, inMeta: 2,
  recTitle: 0, recURL: 1, recArea: 2, recLocality: 3, recDate: 4, recSummary: 5, recText: 6,
  idfScale: 100, q: 63, titleHashBits: 20,
  prefixTerms: 20, minPrefix: 2, fuzzyMin: 4, maxCorrections: 5, maxQueryWords: 16, maxWordRunes: 40
};
var CHAIN = 16, FILES = 'chi-muc/';

// ---- 2. analysis (Go: vi.Fold, analysis.ExactKey, vi.Words) ----

var DS = 'đĐÐðƉɖ', MARK = /[\u0300-\u036f]/;
var TONES = { '\u0300': '1', '\u0301': '2', '\u0309': '3', '\u0303': '4', '\u0323': '5' };
var WORD = /[\p{L}\p{Nd}][\p{L}\p{Nd}\p{M}]*/gu;
var IN_WORD = /[\p{L}\p{Nd}\p{M}]$/u;
var foldMemo = {};

// foldChar mirrors vi.FoldRune.
function foldChar(c) {
  var n = c.codePointAt(0);
  if (n < 128) return c.toLowerCase();
  var r = foldMemo[c];
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
  return (foldMemo[c] = r);
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

// exactKey mirrors analysis.ExactKey.
function exactKey(w) {
  var d = '', out = '', tone = '';
  for (var c of w.normalize('NFC')) d += Array.from(c.toLowerCase())[0];
  d = d.normalize('NFC').normalize('NFD');
  for (var x of d) {
    if (TONES[x]) tone = TONES[x];
    else out += x;
  }
  return out.normalize('NFC') + tone;
}

// cut and words mirror analysis.Cut and analysis.Words of vi.NFC: a word
// longer than FORMAT.maxWordRunes runes is cut, as the index cut it.
function cut(w) {
  var a = Array.from(w);
  return a.length > FORMAT.maxWordRunes ? a.slice(0, FORMAT.maxWordRunes).join('') : w;
}
function words(s) { return (s.normalize('NFC').match(WORD) || []).map(cut); }

// parseQuery mirrors static.ParseQuery.
function parseQuery(q, typing) {
  var seen = {}, x = { words: [], seq: [], prefix: '' }, ws = words(q);
  for (var i = 0; i < ws.length && x.seq.length < 2 * FORMAT.maxQueryWords; i++) {
    var f = fold(ws[i]);
    x.seq.push(f);
    if (!seen[f] && x.words.length < FORMAT.maxQueryWords) { seen[f] = 1; x.words.push({ f: f, x: exactKey(ws[i]) }); }
  }
  if (typing && IN_WORD.test(q) && x.words.length && x.seq.length === ws.length) {
    var p = x.seq[x.seq.length - 1];
    if (x.words[x.words.length - 1].f === p) {
      x.words.pop();
      if (Array.from(p).length >= FORMAT.minPrefix) x.prefix = p;
    }
  }
  return x;
}

// ---- 3. Index: reading the index (Go: static/read.go, fuzzy.go) ----

// Index wraps the manifest; load(path) returns a promise of parsed JSON.
// Files and decoded entries are kept (as promises, so a request in flight
// is shared): typing "don dien d", "don dien do"… decodes "don" once.
function Index(base, load) {
  this.base = base; this.load = load; this.files = {}; this.memo = {};
}

// once(cache, key, make) returns cache[key], made by make() on first use;
// a failure is forgotten so the next call retries.
function once(c, key, make) {
  if (!c[key]) c[key] = make().catch(function (e) { delete c[key]; throw e; });
  return c[key];
}

// get(k, i) returns versioned file i of kind k, in its group's folder
// (Go: Manifest.Path; GroupFiles 64, TokenLen 8); get(name) another file.
Index.prototype.get = function (k, i) {
  var self = this, name = i >= 0 ? FILES + this.m.t[k].substr((i >> 6) * 8, 8) + '/' + k + i + '.json' : k;
  return once(this.files, name, function () { return self.load(self.base + name); });
};

Index.prototype.open = function () {
  var self = this;
  return this.get('manifest.json').then(function (m) { self.m = m; return self; });
};

function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

// findShard mirrors findShard: the last shard whose first term is <= t.
function findShard(first, t) {
  var lo = 0, hi = first.length;
  while (lo < hi) { var m = (lo + hi) >> 1; if (first[m] > t) hi = m; else lo = m + 1; }
  return Math.max(0, lo - 1);
}

// find returns the entry of t in a sorted shard, or null.
function find(es, t) {
  var lo = 0, hi = es.length;
  while (lo < hi) { var m = (lo + hi) >> 1; if (es[m][0] < t) lo = m + 1; else hi = m; }
  return lo < es.length && es[lo][0] === t ? es[lo] : null;
}

// decodeTerm mirrors decodeTerm.
function decodeTerm(e) {
  var F = FORMAT, vs = e[F.entryVariants], ps = e[F.entryPostings], sg = e[F.entrySignatures] || [], d = 0;
  var r = { t: e[F.entryTerm], df: e[F.entryDF], v: vs, d: [], q: [], h: [], p: [], m: [], sigs: [] };
  for (var i = 0; i + 1 < ps.length;) {
    d += ps[i]; var v = ps[i + 1], pos = -1, m = 0;
    i += 2;
    if ((v & F.inTitle) && i < ps.length) pos = ps[i++];
    if (vs.length && i < ps.length) m = ps[i++];
    r.d.push(d); r.q.push(v >> 2); r.h.push(v & 3); r.p.push(pos); r.m.push(m);
  }
  for (i = 0; i + 2 < sg.length;) {
    var n = sg[i + 2];
    r.sigs.push({ k: sg[i], field: sg[i + 1], words: sg.slice(i + 3, i + 3 + n) });
    i += 3 + n;
  }
  return r;
}

// decodePair mirrors decodePair.
function decodePair(e) {
  var F = FORMAT, gaps = e[F.pairDocs], heads = e[F.pairHeads] || [], d = 0;
  var r = { t: e[F.pairTerm], df: e[F.pairDF], d: [], h: [] };
  for (var i = 0; i < gaps.length; i++) { d += gaps[i]; r.d.push(d); r.h.push(0); }
  heads.forEach(function (x) { if ((x >> 2) < r.h.length) r.h[x >> 2] = x & 3; });
  return r;
}

Index.prototype.term = function (t) {
  var self = this, first = this.m.uni;
  if (!first.length) return Promise.resolve(null);
  return once(this.memo, 'u ' + t, function () {
    return self.get('u', findShard(first, t)).then(function (es) {
      var e = find(es, t);
      return e && decodeTerm(e);
    });
  });
};

Index.prototype.pair = function (t) {
  var self = this;
  return once(this.memo, 'b ' + t, function () {
    return self.get('b', pairBucket(t, self.m.buckets)).then(function (es) {
      var e = find(es, t);
      return e && decodePair(e);
    });
  });
};

// completions mirrors Index.completions.
Index.prototype.completions = function (p) {
  var self = this;
  return once(this.memo, 'p ' + p, function () {
    var first = self.m.uni, i0 = findShard(first, p), ps = [];
    for (var i = i0; i < first.length && i < i0 + 2; i++) {
      if (i > i0 && first[i].indexOf(p) !== 0) break;
      ps.push(self.get('u', i));
    }
    return Promise.all(ps).then(function (shards) {
      var out = [];
      shards.forEach(function (es) { es.forEach(function (e) { if (e[0].indexOf(p) === 0) out.push(e); }); });
      out.sort(function (a, b) { return (b[0] === p) - (a[0] === p) || b[1] - a[1] || cmp(a[0], b[0]); });
      return out.slice(0, FORMAT.prefixTerms).map(decodeTerm);
    });
  });
};

// oneEdit mirrors oneEdit (fuzzy.go).
function oneEdit(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  var i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) ||
    i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  return a.length + 1 === b.length ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
}

// corrections mirrors Index.corrections: a word of FuzzyMin letters or
// more that is no term may stand for any of the MaxCorrections best listed
// words one edit away (same first letter, then most frequent).
var ASCII = /^[\x00-\x7f]*$/;
Index.prototype.corrections = function (w) {
  var self = this;
  if (!ASCII.test(w) || w.length < FORMAT.fuzzyMin) return Promise.resolve([]);
  return once(this.memo, 'f ' + w, function () {
    // An export without a word list corrects nothing.
    return self.get('w', 0).catch(function () { return []; }).then(function (l) {
      var best = [];
      function better(a, b) { return a.same && !b.same || a.same === b.same && a.df > b.df; }
      for (var i = 0; i + 1 < l.length; i += 2) {
        if (!oneEdit(w, l[i])) continue;
        var c = { t: l[i], df: l[i + 1], same: l[i][0] === w[0] }, k = best.length;
        while (k > 0 && better(c, best[k - 1])) k--;
        if (k < FORMAT.maxCorrections) { best.splice(k, 0, c); best.length = Math.min(best.length, FORMAT.maxCorrections); }
      }
      return Promise.all(best.map(function (c) { return self.term(c.t); }));
    }).then(function (es) { return es.filter(Boolean); });
  });
};

Index.prototype.facets = function () { return this.get('f', 0); };

Index.prototype.record = function (d) {
  var n = this.m.chunk, c = Math.floor(d / n);
  return this.get('d', c).then(function (rs) { return rs[d - c * n]; });
};

// idf mirrors static.Idf.
function idf(n, df) { return Math.round(FORMAT.idfScale * Math.log(1 + (n - df + 0.5) / (df + 0.5))); }

// fnv mirrors fnv32a: FNV-1a (32 bits) of the UTF-8 bytes.
var utf8 = new TextEncoder();
function fnv(t) {
  var h = 0x811c9dc5, b = utf8.encode(t);
  for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

// pairBucket mirrors static.PairBucket.
function pairBucket(t, buckets) { return fnv(t) & (buckets - 1); }

// titleHash mirrors static.TitleHash.
function titleHash(w) { return fnv(w) >>> (32 - FORMAT.titleHashBits); }

// chain mirrors chain (read.go): value x of a facet, then each value it
// was merged into, at most CHAIN.
function chain(fc, x, f) {
  for (var hops = 0; x >= 0 && x < fc.v.length && hops < CHAIN; hops++) {
    if (f(x) === false || !fc.s || x >= fc.s.length) return;
    x = fc.s[x];
  }
}

// has mirrors has: does document d count for value v?
function has(fc, d, v) {
  var yes = false;
  chain(fc, fc.d[d], function (x) { if (fc.v[x] === v) { yes = true; return false; } });
  return yes;
}

// ---- 4. ranking (Go: static/score.go, where the rule is written out) ----

function bitCount(x) { var n = 0; for (; x; x &= x - 1) n++; return n; }

// mark mirrors acc.mark: the document matches word i, with the heading
// bits h and title position pos (-1: none) of the posting.
function mark(a, i, h, pos) {
  var bit = 1 << i;
  a.matched |= bit;
  if (h & FORMAT.inTitle) {
    a.title |= bit;
    if (pos >= 0) {
      if (!a.pos) a.pos = [];
      if (!a.pos[i]) a.pos[i] = pos + 1;
    }
  }
  if (h & 3) a.head |= bit;
}

// order mirrors acc.order.
function order(a, words) {
  var n = 0;
  for (var i = 0; i + 1 < words; i++) if ((a.inOrder & (1 << i)) || a.pos && a.pos[i] > 0 && a.pos[i + 1] > a.pos[i]) n++;
  return n;
}

// floorImpact mirrors floorImpact.
function floorImpact(e) { return e.d.length >= e.df ? 0 : Math.min.apply(null, e.q); }

// search mirrors Index.Search; filter(doc) may reject documents.
Index.prototype.search = function (q, typing, filter) {
  var self = this, x = parseQuery(q, typing), ws = x.words, pairs = [], seen = {};
  for (var i = 1; i < x.seq.length; i++) {
    var pt = x.seq[i - 1] + '_' + x.seq[i];
    if (seen[pt] || x.seq[i - 1] === x.seq[i]) continue;
    seen[pt] = 1; pairs.push([pt, x.seq[i - 1], x.seq[i]]);
  }
  return Promise.all([
    Promise.all(ws.map(function (w) {
      return self.term(w.f).then(function (e) {
        return e ? { e: e } : self.corrections(w.f).then(function (es) { return es.length ? { es: es } : null; });
      });
    })),
    x.prefix ? this.completions(x.prefix) : [],
    Promise.all(pairs.map(function (p) { return self.pair(p[0]); }))
  ]).then(function (r) {
    return rank(self.m.n, x, r[0], r[1], pairs, r[2], filter);
  });
};

// rank is the synchronous half of search, once every entry is at hand:
// the phases of Index.Search, each named after its Go twin (ranking.words,
// ranking.prefix, ranking.pairs, ranking.signatures, ranking.results,
// byRank).
function rank(n, x, terms, comps, pairs, pairEntries, filter) {
  var ws = x.words, nw = ws.length, acc = new Map(), found = [], floor = [], atLeast = false, used = [], hashes = [];
  // ranking.words: each word's entry (word), or its corrections (typo).
  terms.forEach(function (o, i) { if (o) o.es ? typo(i, o.es) : word(i, ws[i], o.e); });
  if (x.prefix) prefix();
  // ranking.pairs (the entries were read by search).
  pairEntries.forEach(function (e, j) { if (e) pair(e, [index(pairs[j][1]), index(pairs[j][2])]); });
  // ranking.signatures.
  used.forEach(function (e) { e.sigs.forEach(function (sg) { signature(get(e.d[sg.k]), sg); }); });
  // ranking.results (tier: acc.tier).
  var words = nw + (x.prefix ? 1 : 0), all = (1 << words) - 1, out = [];
  acc.forEach(function (a) {
    if (!a.matched || filter && !filter(a.doc)) return;
    out.push({ doc: a.doc, score: a.score, matched: bitCount(a.matched), pairs: a.pairs, full: a.matched === all,
      tier: a.matched === a.title ? 2 : a.matched === a.head ? 1 : 0, order: order(a, words) });
  });
  // byRank.
  out.sort(function (a, b) { return b.matched - a.matched || b.tier - a.tier || b.pairs - a.pairs || b.order - a.order || b.score - a.score || a.doc - b.doc; });
  out.atLeast = atLeast;
  return out;
  // capped mirrors ranking.capped: a list read that MaxPostings cut (the
  // count is then a lower bound).
  function capped(es) { es.forEach(function (e) { atLeast = atLeast || e.d.length < e.df; }); }
  // get mirrors ranking.get.
  function get(d) { var a = acc.get(d); if (!a) acc.set(d, a = { doc: d, score: 0, pairs: 0, matched: 0, title: 0, head: 0, inOrder: 0, pos: null }); return a; }
  // give mirrors ranking.give (bestOf hands it the accumulator).
  function give(i) { return function (a, c, h, p) { a.score += c; mark(a, i, h, p); }; }
  // word mirrors ranking.word.
  function word(i, w, e) {
    var vk = w.x !== w.f ? e.v.indexOf(w.x) : -1, f = idf(n, e.df);
    capped([e]);
    used.push(e);
    hashes[i] = [titleHash(w.f)];
    found[i] = e; floor[i] = floorImpact(e);
    for (var k = 0; k < e.d.length; k++) {
      var a = get(e.d[k]);
      a.score += f * e.q[k] * (vk >= 0 && (e.m[k] & (1 << vk)) ? 3 : 2);
      mark(a, i, e.h[k], e.p[k]);
    }
  }
  // typo mirrors ranking.typo: a document scores its best correction, ×1.
  function typo(i, es) {
    capped(es);
    used = used.concat(es);
    hashes[i] = es.map(function (c) { return titleHash(c.t); });
    found[i] = es[0]; floor[i] = floorImpact(es[0]);
    bestOf(es, n, function () { return [1, -1]; }, give(i));
  }
  // prefix mirrors ranking.prefix: a document scores its best completion,
  // and the completions go to used for signatures (see Go).
  function prefix() {
    capped(comps);
    used = used.concat(comps);
    var cap = -1;
    if (comps.length && comps[0].t === x.prefix) { cap = idf(n, comps[0].df); found[nw] = comps[0]; floor[nw] = floorImpact(comps[0]); }
    bestOf(comps, n, function (e) { return e.t === x.prefix ? [2, -1] : [1, cap]; }, give(nw));
  }
  // bestOf mirrors bestOf.
  function bestOf(es, n, weigh, give) {
    var best = new Map();
    es.forEach(function (e) {
      var w = weigh(e), f = idf(n, e.df);
      if (w[1] >= 0) f = Math.min(f, w[1]);
      for (var k = 0; k < e.d.length; k++) {
        var b = best.get(e.d[k]);
        if (!b) best.set(e.d[k], b = { c: -1, h: 0, p: -1 });
        b.c = Math.max(b.c, f * e.q[k] * w[0]); b.h |= e.h[k];
        if (b.p < 0) b.p = e.p[k];
      }
    });
    best.forEach(function (b, d) { give(get(d), b.c, b.h, b.p); });
  }
  // index mirrors ranking.index.
  function index(f) {
    if (x.prefix && f === x.prefix) return nw;
    for (var i = 0; i < nw; i++) if (ws[i].f === f) return i;
    return -1;
  }
  // pair mirrors ranking.pair.
  function pair(e, ends) {
    var bonus = idf(n, e.df) * FORMAT.q * 2, whole = e.d.length === e.df;
    for (var k = 0; k < e.d.length; k++) {
      var a = get(e.d[k]);
      a.score += bonus;
      if (whole && e.h[k]) a.pairs++;
      ends.forEach(function (wi) {
        if (wi < 0 || !found[wi]) return;
        leftOut(a, wi);
        mark(a, wi, e.h[k], -1);
      });
      if ((e.h[k] & FORMAT.inTitle) && ends[0] >= 0 && ends[1] === ends[0] + 1) a.inOrder |= 1 << ends[0];
    }
  }
  // leftOut mirrors ranking.leftOut.
  function leftOut(a, i) { if (!(a.matched & (1 << i))) a.score += idf(n, found[i].df) * floor[i] * 2; }
  // signature mirrors ranking.signature.
  function signature(a, sg) {
    for (var i = 0; i < nw; i++) {
      if (!floor[i]) continue;
      var b = FORMAT.titleHashBits, mask = (1 << b) - 1;
      for (var j = 0; j < sg.words.length && hashes[i].indexOf(sg.words[j] & mask) < 0; j++);
      if (j === sg.words.length) continue;
      leftOut(a, i);
      mark(a, i, sg.field, sg.field === FORMAT.inTitle ? sg.words[j] >> b : -1);
    }
  }
}

// visible mirrors static.Visible: the results that match every word, or
// all of them when none does.
function visible(rs) {
  if (!rs.length || !rs[0].full) return rs;
  for (var i = 0; i < rs.length; i++) if (!rs[i].full) return rs.slice(0, i);
  return rs;
}

// hits reports whether word w (folded) is a query term or begins with the
// unfinished prefix.
function hits(f, terms, prefix) { return !!terms[f] || !!prefix && f.indexOf(prefix) === 0; }

// snippet is the text shown under a result: the summary when it holds a
// query word, else about 200 characters of the text around its first
// whole word that does (or the summary, when nothing does).
function snippet(r, terms, prefix) {
  var s = r[FORMAT.recSummary] || '', t = r[FORMAT.recText] || '', m;
  WORD.lastIndex = 0;
  while ((m = WORD.exec(s))) if (hits(fold(m[0]), terms, prefix)) return s;
  WORD.lastIndex = 0;
  while ((m = WORD.exec(t)) && !hits(fold(m[0]), terms, prefix));
  if (!m) return s;
  var a = Math.max(0, t.lastIndexOf(' ', Math.max(0, m.index - 60)));
  return (a > 0 ? '…' : '') + t.slice(a, a + 200).trim() + (a + 200 < t.length ? '…' : '');
}

var api = { FORMAT: FORMAT, CHAIN: CHAIN, FILES: FILES, fold: fold, exactKey: exactKey, words: words, parseQuery: parseQuery,
  Index: Index, has: has, idf: idf, pairBucket: pairBucket, titleHash: titleHash, visible: visible, snippet: snippet };
if (typeof module === 'object' && module.exports) module.exports = api;

// ---- 5. Page: the search page ----

var FIELDS = [['area', 'linh-vuc'], ['locality', 'dia-ban'], ['year', 'nam'], ['subject', 'loai']];
// Results come PAGE at a time ("Xem thêm" for the next): each shown result
// costs the request of its record. The first FIRST records are asked for
// alone and shown at once, then the rest of the page: on a busy phone,
// requests compete for the CPU, and five come back sooner than ten. For
// the same reason a search's first record goes out alone, and the other
// FIRST - 1 follow once it is on screen (a frame after it is drawn: asking
// costs the main thread 0.3 to 1 ms a request, and the paint waited for
// it), or STAGGER ms after it at most, so that a slow link does not pay a
// round trip for them.
var PAGE = 10, FIRST = 5, STAGGER = 10;

// Page runs the search form of doc; idx, when given, is the index it
// searches (the warm-up's), else the site's.
function Page(doc, loc, hist, idx) {
  var $ = function (id) { return doc.getElementById(id); };
  this.doc = doc; this.loc = loc; this.hist = hist;
  this.form = $('search-form'); this.input = $('q'); this.list = $('search-results');
  this.status = $('search-status'); this.more = $('search-more'); this.box = $('search-filters');
  this.sel = {}; this.facets = null; this.seq = 0; this.cur = null; this.pending = 0;
  var self = this;
  FIELDS.forEach(function (f) { self.sel[f[0]] = $('f-' + f[1]); });
  this.idx = idx || new Index('/tim-kiem/', function (u) {
    return fetch(u).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  });
  this.ready = this.idx.open();
  this.committed = loc.pathname + loc.search;
}

Page.prototype.el = function (tag, cls, text) {
  var e = this.doc.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.appendChild(this.doc.createTextNode(text));
  return e;
};

Page.prototype.filters = function () {
  var o = {}, sel = this.sel;
  FIELDS.forEach(function (f) { if (sel[f[0]] && sel[f[0]].value) o[f[0]] = sel[f[0]].value; });
  return o;
};

// keep returns a filter for the facet values fs, all but except.
Page.prototype.keep = function (fs, except) {
  var facets = this.facets;
  return function (d) {
    for (var k in fs) if (k !== except && !has(facets.f[k], d, fs[k])) return false;
    return true;
  };
};

Page.prototype.label = function (k, v, old) {
  var m = this.idx.m;
  if (k === 'area') return m.areas[v] || v;
  if (k === 'locality') return (m.loc[v] || v) + (old ? ' (trước sáp nhập)' : '');
  if (k === 'subject') return v === 'tap-the' ? 'Tập thể' : v === 'ca-nhan' ? 'Cá nhân' : v;
  return v;
};

// counts sets each filter option's live count: the results under the
// other filters.
Page.prototype.counts = function (all, fs) {
  var self = this;
  FIELDS.forEach(function (f) {
    var k = f[0], s = self.sel[k], fc = self.facets.f[k];
    if (!s || !fc) return;
    var c = {}, ok = self.keep(fs, k);
    all.forEach(function (x) {
      if (ok(x.doc)) chain(fc, fc.d[x.doc], function (y) { c[y] = (c[y] || 0) + 1; });
    });
    var cur = s.value;
    while (s.options.length > 1) s.remove(1);
    fc.v.map(function (v, i) { return [v, i]; }).filter(function (p) { return c[p[1]] || p[0] === cur; })
      .sort(function (a, b) { return (c[b[1]] || 0) - (c[a[1]] || 0) || cmp(a[0], b[0]); })
      .forEach(function (p) { s.add(new Option(self.label(k, p[0], fc.s && fc.s[p[1]] >= 0) + ': ' + (c[p[1]] || 0) + ' bài', p[0])); });
    s.value = cur;
  });
};

// highlight appends text to parent, wrapping the words that hit the query
// in <mark>.
Page.prototype.highlight = function (parent, text, terms, prefix) {
  var last = 0, m, doc = this.doc;
  WORD.lastIndex = 0;
  while ((m = WORD.exec(text))) {
    if (!hits(fold(m[0]), terms, prefix)) continue;
    if (m.index > last) parent.appendChild(doc.createTextNode(text.slice(last, m.index)));
    parent.appendChild(this.el('mark', '', m[0]));
    last = m.index + m[0].length;
  }
  if (last < text.length) parent.appendChild(doc.createTextNode(text.slice(last)));
};

// state puts the URL's query and filters into the form.
Page.prototype.state = function () {
  var p = new URLSearchParams(this.loc.search), sel = this.sel;
  this.input.value = p.get('q') || '';
  FIELDS.forEach(function (f) {
    var s = sel[f[0]], v = p.get(f[1]) || '';
    if (!s) return;
    if (v && !Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.add(new Option(v, v));
    s.value = v;
  });
};

Page.prototype.url = function () {
  var p = new URLSearchParams(), sel = this.sel;
  if (this.input.value.trim()) p.set('q', this.input.value.trim());
  FIELDS.forEach(function (f) { if (sel[f[0]] && sel[f[0]].value) p.set(f[1], sel[f[0]].value); });
  var s = p.toString();
  return '/tim-kiem/' + (s ? '?' + s : '');
};

// save records the search in the history. A search gets one entry: typing
// pushes an entry once, on its first change after a finished search, then
// updates it; Enter or a filter marks it finished. So Back returns to the
// previous search however fast the user typed and pressed Enter.
Page.prototype.save = function (push) {
  var u = this.url(), cur = this.loc.pathname + this.loc.search;
  if (u !== cur) this.hist[push || cur === this.committed ? 'pushState' : 'replaceState'](null, '', u);
  if (push) this.committed = u;
};

// run searches for the box's text and shows the first page of results.
// It resolves when done (or superseded, or failed).
Page.prototype.run = function (typing) {
  var self = this, q = this.input.value, my = ++this.seq, fs = this.filters();
  var need = Object.keys(fs).length || (this.box && this.box.open);
  // aria-busy: the list is being drawn (two batches, see show) until the
  // search's last batch is in; a newer search takes over.
  // pending: searches in flight (the warm-up waits for none).
  this.list.setAttribute('aria-busy', 'true');
  this.pending++;
  function done() { self.pending--; if (my === self.seq) self.list.setAttribute('aria-busy', 'false'); }
  if (!q.trim()) {
    this.cur = null; this.list.textContent = ''; this.status.textContent = '';
    if (this.more) this.more.hidden = true;
    done();
    return Promise.resolve();
  }
  return this.ready.then(function () {
    return need && !self.facets ? self.idx.facets().then(function (f) { self.facets = f; }) : null;
  }).then(function () {
    return self.idx.search(q, typing);
  }).then(function (all) {
    if (my !== self.seq) return;
    var x = parseQuery(q, typing), terms = {}, ok = self.keep(fs);
    x.words.forEach(function (w) { terms[w.f] = 1; });
    var res = visible(all.filter(function (r) { return ok(r.doc); }));
    var c = { my: my, all: visible(all), fs: fs, res: res, atLeast: all.atLeast, terms: terms, prefix: x.prefix, words: x.words.length + (x.prefix ? 1 : 0), shown: 0 };
    return self.show(c, FIRST, false).then(function () { if (c.my === self.seq) return self.show(c, PAGE - FIRST, true); });
  }).catch(function () {
    if (my === self.seq) self.status.textContent = 'Không tải được chỉ mục tìm kiếm. Vui lòng thử lại.';
  }).then(done);
};

// message is the status line of a search: how many results, and whether
// they hold every word of the query.
// (Go twin of the wording: countLine in cmd/danvan/search.go.)
Page.prototype.message = function (c) {
  var n = c.res.length, found = 'Tìm thấy ' + (c.atLeast ? 'ít nhất ' : '') + n + ' bài';
  if (!n) return 'Không tìm thấy bài nào. ' + (Object.keys(c.fs).length ? 'Hãy bỏ bớt bộ lọc' : 'Hãy bớt một từ') +
    ', kiểm tra chính tả, hoặc tìm theo lĩnh vực, địa bàn.';
  if (c.words < 2) return found + '.';
  return c.res[0].full ? found + ' có đủ các từ.' : 'Không bài nào có đủ các từ. ' + found + ' có một phần các từ.';
};

// show fetches the records of the next k results of c (a search's first
// one ahead of the others, see STAGGER) and draws each as soon as it and
// those above it are in: the first result shows without waiting for the
// fifth, and records that come together are drawn in one frame. end says
// the page is complete (the "Xem thêm" button then shows if more results
// are left).
Page.prototype.show = function (c, k, end) {
  // A second click while loading does nothing.
  if (c.busy) return Promise.resolve();
  var self = this, xs = c.res.slice(c.shown, c.shown + k), gate = null, win = this.doc.defaultView;
  // painted resolves after the frame that shows the first record (no
  // window, as in the warm-up: at once).
  function painted() { return win ? new Promise(function (ok) { win.requestAnimationFrame(function () { setTimeout(ok, 0); }); }) : null; }
  c.busy = true;
  var recs = xs.map(function (x) {
    if (gate) return gate.then(function () { return self.idx.record(x.doc); });
    var r = self.idx.record(x.doc);
    if (!c.shown) gate = Promise.race([r.then(painted), new Promise(function (ok) { setTimeout(ok, STAGGER); })]).catch(function () {});
    return r;
  });
  // Each record is drawn once it and the one before are in; Promise.all
  // also hears a record that fails while an earlier one is awaited.
  return recs.reduce(function (before, rec) {
    return Promise.all([rec, before]).then(function (r) { self.draw(c, r[0]); });
  }, Promise.resolve()).then(function () {
    c.busy = false;
    var n = c.res.length;
    if (c.my !== self.seq) return;
    if (!n) self.draw(c, null);
    if (self.more) {
      self.more.hidden = !end || c.shown >= n;
      self.more.textContent = 'Xem thêm ' + Math.min(PAGE, n - c.shown) + ' bài (đã hiện ' + c.shown + '/' + n + ')';
    }
  }, function (e) { c.busy = false; throw e; });
};

// draw adds record r to the results of c (r null: there are none). The
// first of a search replaces the list and sets the status.
Page.prototype.draw = function (c, r) {
  if (c.my !== this.seq) return;
  this.cur = c;
  var li = [];
  if (r) {
    var F = FORMAT, h = this.el('h2', 'search-title'), link = this.el('a'), p = this.el('p', 'search-snippet');
    li = [this.el('li', 'search-result')];
    link.href = r[F.recURL];
    this.highlight(link, r[F.recTitle], c.terms, c.prefix);
    h.appendChild(link);
    this.highlight(p, snippet(r, c.terms, c.prefix), c.terms, c.prefix);
    li[0].append(h, this.el('p', 'search-meta', [this.label('area', r[F.recArea]), this.label('locality', r[F.recLocality]),
      r[F.recDate].split('-').reverse().map(Number).join('/')].join(' · ')), p);
  }
  if (c.shown) {
    this.list.append(...li);
  } else {
    this.list.replaceChildren(...li);
    // Once a search: the live region speaks it once.
    this.status.textContent = this.message(c);
    if (this.facets) this.counts(c.all, c.fs);
  }
  c.shown += li.length;
};

// listen wires the form. A keystroke after a quiet spell of 20 ms is
// searched at once; keystrokes closer together (a fast typist, key
// repeat) are folded into one search 20 ms after the previous one. The
// URL is brought up to date after the results are painted: replaceState
// costs the main thread a trip to the browser process, and nothing on
// screen waits for it.
Page.prototype.listen = function (win) {
  var self = this, timer = 0, last = -1e9, list = this.list, input = this.input, doc = this.doc;
  function fire() {
    timer = 0; last = performance.now();
    self.run(true).then(function () { win.requestAnimationFrame(function () { setTimeout(function () { self.save(false); }, 0); }); });
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var wait = last + 20 - performance.now();
    if (wait <= 0) fire(); else timer = setTimeout(fire, wait);
  });
  this.form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); self.save(true); self.run(false); });
  FIELDS.forEach(function (f) {
    var s = self.sel[f[0]];
    if (s) s.addEventListener('change', function () { self.save(true); self.run(false); });
  });
  if (this.box) this.box.addEventListener('toggle', function () { if (self.box.open) self.run(false); });
  if (this.more) this.more.addEventListener('click', function () {
    var c = self.cur, i = c && c.shown;
    if (!c || c.my !== self.seq) return;
    self.show(c, PAGE, true).then(function () {
      // Keyboard users go on at the first new result.
      var a = list.querySelectorAll('li a')[i];
      if (a) a.focus();
    }).catch(function () { self.status.textContent = 'Không tải được thêm kết quả. Vui lòng thử lại.'; });
  });
  win.addEventListener('popstate', function () { self.committed = self.loc.pathname + self.loc.search; self.state(); self.run(false); });
  // Keyboard: ↓ from the box into the results, ↑/↓ between them, Esc back.
  doc.addEventListener('keydown', function (e) {
    var links = Array.prototype.slice.call(list.querySelectorAll('a')), i = links.indexOf(doc.activeElement);
    if (e.key === 'ArrowDown' && (doc.activeElement === input || i >= 0) && links.length) {
      e.preventDefault(); links[Math.min(i + 1, links.length - 1)].focus();
    } else if (e.key === 'ArrowUp' && i >= 0) {
      e.preventDefault(); (i ? links[i - 1] : input).focus();
    } else if (e.key === 'Escape' && i >= 0) input.focus();
  });
};

// ---- 6. Warm-up: searches nobody sees, while the page is idle ----

// On a fresh page a search runs in the script engine's interpreter: at
// 10,000 articles, the eight queries of BenchmarkSearchOnTheWire after its
// first two took a median 34.6 ms to first results on fresh pages, against
// 25.0 ms on pages that had searched other words before (6 pages each;
// ranking, decoding and drawing all ran faster). warmUp runs the search
// code over a small made-up index (warmIndex), on a copy of the form that
// is in no window, in idle moments, so that a reader's searches run
// compiled code. It fetches nothing and shows nothing. A reader's search
// goes first: no warm-up search runs while one is in flight, and the
// warm-up goes on in the idle moments after it (a reader reads results
// before searching again; with the warm-up given only the moments before
// the first search, the 2nd to 4th searches of a fresh page still ran in
// the interpreter: 10k, 4 alternating runs of BenchmarkSearchOnTheWire,
// first results p75 37.3 → 27.8 ms, median 23.7 → 22.4 ms).
var WARM = ['dan van kheo', 'mo hinh tinh khe', 'an ninh camera', 'dân vận khéo', 'phuong xa', 'camra', 'tinh kh'];
var WARM_ROUNDS = 3;

// warmIndex is an index of WARM_DOCS made-up articles over a dozen words,
// in the shape of the site's (the same arrays and fields, so the engine
// compiles the code for the objects it will meet).
var WARM_DOCS = 2000;
function warmIndex() {
  var F = FORMAT, n = WARM_DOCS, words = ['an', 'camera', 'dan', 'hinh', 'khe', 'kheo', 'mo', 'ninh', 'phuong', 'tinh', 'van', 'xa'];
  var uni = [[], []], list = [], bucket = [], recs = [];
  function entry(at, vals) { var e = []; at.forEach(function (k, i) { e[F[k]] = vals[i]; }); return e; }
  words.forEach(function (w, wi) {
    var ps = [], last = 0, df = 0;
    for (var d = wi % 3; d < n; d += 2 + wi % 3, df++) {
      var title = d % 7 === wi % 7;
      ps.push(d - last, (1 + (d * 7 + wi) % F.q) << 2 | (title ? F.inTitle : 0) | (d % 11 ? 0 : F.inMeta));
      if (title) ps.push(wi % 5);
      last = d;
    }
    uni[wi < words.length / 2 ? 0 : 1].push(entry(['entryTerm', 'entryDF', 'entryVariants', 'entryPostings', 'entrySignatures'], [w, df, [], ps, []]));
    list.push(w, df);
  });
  ['an_ninh', 'dan_van', 'hinh_tinh', 'mo_hinh', 'ninh_camera', 'phuong_xa', 'tinh_khe', 'van_kheo'].forEach(function (t, k) {
    var gaps = [], heads = [], last = 0, i = 0;
    for (var d = k % 5; d < n; d += 5 + k, i++) { gaps.push(d - last); last = d; if (d % 3 === 0) heads.push(i << 2 | F.inTitle); }
    bucket.push(entry(['pairTerm', 'pairDF', 'pairDocs', 'pairHeads'], [t, gaps.length, gaps, heads]));
  });
  var text = 'Mô hình dân vận khéo: camera an ninh ở từng khu dân cư, tổ tự quản cùng làm. ';
  for (var d = 0; d < n; d++) {
    recs.push(entry(['recTitle', 'recURL', 'recArea', 'recLocality', 'recDate', 'recSummary', 'recText'],
      ['Mô hình dân vận khéo ở xã Tịnh Khê ' + d, '/bai-viet/' + d + '/', 'kinh-te', 'tinh-khe', '2019-06-14', d % 2 ? '' : text, text + text + text]));
  }
  var files = { 'manifest.json': { v: 'warm', t: { u: '', b: '', d: '', w: '', f: '' }, n: n, dl: 100, chunk: n, uni: [uni[0][0][0], uni[1][0][0]], buckets: 1,
    areas: { 'kinh-te': 'Kinh tế' }, loc: { 'tinh-khe': 'Tịnh Khê' } }, u0: uni[0], u1: uni[1], b0: bucket, d0: recs, w0: list };
  return new Index('', function (u) {
    var f = files[u.slice(u.lastIndexOf('/') + 1).replace('.json', '')] || files[u];
    return f ? Promise.resolve(f) : Promise.reject(new Error(u));
  });
}

// warmUp runs WARM_ROUNDS rounds of WARM on a page of its own, one search
// per idle moment of win in which page has no search in flight. The form
// says how many have run (data-warm), for the tests.
function warmUp(win, page) {
  var doc = page.doc.implementation.createHTMLDocument(''), i = 0;
  [['form', 'search-form'], ['input', 'q'], ['p', 'search-status'], ['ol', 'search-results']].forEach(function (x) {
    var e = doc.createElement(x[0]);
    e.id = x[1];
    doc.body.appendChild(e);
  });
  var wp = new Page(doc, { pathname: '/tim-kiem/', search: '' }, null, warmIndex());
  var idle = win.requestIdleCallback ? function (f) { win.requestIdleCallback(f, { timeout: 1000 }); } : function (f) { win.setTimeout(f, 50); };
  function next() {
    if (page.pending) return idle(next);
    if (i >= WARM.length * WARM_ROUNDS) return;
    wp.input.value = WARM[i++ % WARM.length];
    wp.run(true).then(function () { page.form.setAttribute('data-warm', String(i)); idle(next); });
  }
  idle(next);
}

// start runs the page when the document has the search form.
function start(win) {
  var doc = win.document;
  if (!doc.getElementById('search-form') || !doc.getElementById('q') || !doc.getElementById('search-results')) return;
  var nojs = doc.querySelector('.no-js-help');
  if (nojs) nojs.hidden = true;
  var page = new Page(doc, win.location, win.history);
  if (page.box) page.box.hidden = false;
  page.listen(win);
  page.state();
  page.run(false);
  page.ready.then(function () { warmUp(win, page); }, function () {});
}

if (typeof window !== 'undefined' && window.document) start(window);
