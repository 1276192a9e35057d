package static

import (
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"

	"golang.org/x/sync/errgroup"

	"github.com/quangngai/danvan/internal/site"
)

// Updating an export. When some documents change and none is added,
// removed or moved (the numbering stays), few entries change: those of
// the terms and pairs of a changed document (before or after the change),
// its record, and the small site-wide files (facets, word list,
// manifest). Update encodes those entries again from the terms' full new
// postings and keeps every other entry's bytes. It writes, byte for byte,
// what Encode writes from scratch (update_test.go, and the store's and
// the build's warm-equals-cold tests): nothing else can differ, because
// an entry depends only on its term's postings, the documents' lengths
// and AvgLen, and AvgLen is rounded coarsely enough that an edit almost
// never moves it; when it does, or when the pairs outgrow their buckets
// (bucketsFor), Update says ErrRebuild. Term shards are cut again by size
// around the kept entries, as Encode cuts them.
//
// One more kind of entry changes: a title signature (EntrySignatures)
// holds the title's words that a cap cuts (df > MaxPostings) and rides on
// the posting of its rarest word, so a change of df moves signatures of
// unchanged documents whose title or model holds the word. Update
// compares those documents' signatures before and after, and encodes
// again the terms that carried or now carry one (Change.Read gives their
// postings).

// ErrRebuild says an export cannot be updated and must be encoded from
// scratch: the average length moved to another step of AvgLen, or the
// pairs need another number of buckets.
var ErrRebuild = errors.New("chỉ mục tìm kiếm cần mã hóa lại từ đầu")

// Change is what changed in the index since a Base was encoded.
type Change struct {
	// Docs are the documents whose content changed, ascending; no
	// document was added, removed or moved.
	Docs []int32
	// Uni and Bi are every folded term and pair a document of Docs holds
	// or held, sorted; Postings holds the postings of those of them that
	// some document still holds, in full, and DocLen of every document.
	Uni, Bi  []string
	Postings *Postings
	// Read returns the full postings of other terms (sorted, each held by
	// some document): the terms that carried or now carry a signature
	// that moved.
	Read func(terms []string) ([]UniTerm, error)
}

// Update encodes the export of s after ch, from the previous export b; it
// returns ErrRebuild when the export must be encoded from scratch.
func Update(b *Base, s *site.Site, ch Change) (*Base, error) {
	n := len(s.Articles)
	p := ch.Postings
	if len(p.DocLen) != n || len(b.DocLen) != n || chunks(n) != len(b.Files)-2-len(b.Uni)-b.Opt.Buckets {
		return nil, fmt.Errorf("cập nhật chỉ mục tìm kiếm: %d bài, bản trước có %d", n, len(b.DocLen))
	}
	if AvgLen(p.DocLen) != b.Opt.AvgLen {
		return nil, ErrRebuild
	}
	next := &Base{Opt: b.Opt, DocLen: p.DocLen, Pairs: b.Pairs, PairBytes: b.PairBytes}
	next.Terms, next.DF = mergeDF(b.Terms, b.DF, ch.Uni, p.Uni)

	// Pairs depend on their own postings only; their buckets stay. They
	// are encoded on a second core while this one encodes the terms.
	var pairFiles [][]byte
	pairsDone := make(chan error, 1)
	go func() {
		var err error
		pairFiles, next.Pairs, next.PairBytes, next.PairFloor, err = updatePairs(b, ch)
		pairsDone <- err
	}()

	// The terms to encode again: those whose postings changed, and the
	// hosts of signatures that moved.
	uni := map[string]*UniTerm{}
	for i := range p.Uni {
		uni[p.Uni[i].Term] = &p.Uni[i]
	}
	titles := newTitler(s, next.df)
	dirty := map[string]bool{}
	for _, t := range ch.Uni {
		dirty[t] = true
	}
	if extra := movedSignatures(b, ch, uni, titles); len(extra) > 0 {
		more, err := ch.Read(extra)
		if err != nil {
			return nil, err
		}
		for i := range more {
			uni[more[i].Term] = &more[i]
		}
		for _, t := range extra {
			dirty[t] = true
		}
	}
	old, err := termEntries(b)
	if err != nil {
		return nil, err
	}
	kept := make([][]byte, len(next.Terms))
	var todo []int // terms to encode again
	for i, t := range next.Terms {
		if !dirty[t] {
			kept[i] = old[t]
			continue
		}
		if uni[t] == nil {
			return nil, fmt.Errorf("cập nhật chỉ mục tìm kiếm: thiếu danh sách bài của từ %q", t)
		}
		todo = append(todo, i)
	}
	// An edit's terms are mostly common words with long lists: they are
	// encoded on every core (titler.get is safe for it), beside the pairs.
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, i := range todo {
		g.Go(func() error {
			kept[i] = encodeTerm(*uni[next.Terms[i]], p.DocLen, b.Opt.AvgLen, titles)
			return nil
		})
	}
	_ = g.Wait()
	next.Uni, next.Files = shard(next.Terms, kept, ShardBytes)
	if err := <-pairsDone; err != nil {
		return nil, err
	}
	if bucketsFor(next.PairBytes) != b.Opt.Buckets {
		return nil, ErrRebuild
	}

	next.Files = append(next.Files, pairFiles...)
	records := slices.Clone(b.Files[b.chunkFile(0):b.facetsFile()])
	for _, d := range ch.Docs {
		c := int(d) / DocsPerChunk
		rec, err := encodeChunk(s, c)
		if err != nil {
			return nil, err
		}
		records[c] = rec
	}
	next.Files = append(next.Files, records...)
	next.Files = append(next.Files, mustJSON(buildFacets(s)), wordList(next.Terms, next.DF))
	next.finish(s, b)
	return next, nil
}

// updatePairs returns b's pair shards after ch, the number of pairs and
// their bytes, and the floors of the capped ones.
func updatePairs(b *Base, ch Change) (files [][]byte, pairs, total int, floors map[string]int32, err error) {
	files = slices.Clone(b.Files[len(b.Uni) : len(b.Uni)+b.Opt.Buckets])
	entries := map[string][]byte{}
	floors = maps.Clone(b.PairFloor)
	if floors == nil {
		floors = map[string]int32{}
	}
	for _, t := range ch.Bi {
		delete(floors, t) // gone, or set again below
	}
	for _, bt := range ch.Postings.Bi {
		var floor int32
		entries[bt.Term], floor = encodePair(bt)
		if floor > 0 {
			floors[bt.Term] = floor
		}
	}
	pairs, total = b.Pairs, b.PairBytes
	for i, ts := range byFile(ch.Bi, func(t string) int { return PairBucket(t, b.Opt.Buckets) }) {
		f, gained, bytes, err := patchShard(files[i], ts, entries)
		if err != nil {
			return nil, 0, 0, nil, fmt.Errorf("b%d.json: %w", i, err)
		}
		files[i], pairs, total = f, pairs+gained, total+bytes
	}
	return files, pairs, total, floors, nil
}

// termEntries returns the entries of b's term shards by term: the shards
// hold the entries of b.Terms, in order.
func termEntries(b *Base) (map[string][]byte, error) {
	out := make(map[string][]byte, len(b.Terms))
	k := 0
	for i := range b.Uni {
		es, err := splitArray(b.Files[i])
		if err != nil {
			return nil, fmt.Errorf("u%d.json: %w", i, err)
		}
		for _, e := range es {
			if k == len(b.Terms) {
				return nil, fmt.Errorf("u%d.json: nhiều mục hơn số từ (%d)", i, len(b.Terms))
			}
			out[b.Terms[k]] = e
			k++
		}
	}
	if k != len(b.Terms) {
		return nil, fmt.Errorf("các tệp từ có %d mục, cần %d", k, len(b.Terms))
	}
	return out, nil
}

// mergeDF returns the document frequencies after a change: terms and df
// as before, with the terms of changed (sorted) taking their df from now
// (0, and gone, when now has no entry for them).
func mergeDF(terms []string, df []int32, changed []string, now []UniTerm) ([]string, []int32) {
	nowDF := make(map[string]int32, len(now))
	for _, u := range now {
		nowDF[u.Term] = int32(len(u.Docs))
	}
	outT := make([]string, 0, len(terms)+len(now))
	outD := make([]int32, 0, len(terms)+len(now))
	add := func(t string, d int32) {
		if d > 0 {
			outT, outD = append(outT, t), append(outD, d)
		}
	}
	i := 0
	for _, t := range changed {
		for ; i < len(terms) && terms[i] < t; i++ {
			add(terms[i], df[i])
		}
		if i < len(terms) && terms[i] == t {
			i++
		}
		add(t, nowDF[t])
	}
	for ; i < len(terms); i++ {
		add(terms[i], df[i])
	}
	return outT, outD
}

// movedSignatures returns the terms, other than ch.Uni, whose entries
// change because a signature moved: for every unchanged document whose
// title or model holds a term whose df changed, its signatures under the
// old and the new df are compared, and the hosts of both are taken when
// they differ. (A changed document's hosts are its own terms, in ch.Uni.)
func movedSignatures(b *Base, ch Change, uni map[string]*UniTerm, titles *titler) []string {
	before := titles.withDF(b.df)
	changed := make(map[int32]bool, len(ch.Docs))
	for _, d := range ch.Docs {
		changed[d] = true
	}
	seen := map[int32]bool{}
	touched := make(map[string]bool, len(ch.Uni))
	for _, t := range ch.Uni {
		touched[t] = true
	}
	extra := map[string]bool{}
	for _, t := range ch.Uni {
		u := uni[t]
		if u == nil || b.df(t) == len(u.Docs) {
			continue // gone: only changed documents held it; or df unchanged
		}
		for k, d := range u.Docs {
			if u.Fields[k] == 0 || changed[d] || seen[d] {
				continue
			}
			seen[d] = true
			old, now := before.get(int(d)), titles.get(int(d))
			if sameSigs(old, now) {
				continue
			}
			for _, ti := range []*title{old, now} {
				for _, sg := range ti.sigs {
					if !touched[sg.host] {
						extra[sg.host] = true
					}
				}
			}
		}
	}
	out := make([]string, 0, len(extra))
	for t := range extra {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// byFile groups sorted terms by the file that holds them.
func byFile(terms []string, file func(string) int) map[int][]string {
	out := map[int][]string{}
	for _, t := range terms {
		i := file(t)
		out[i] = append(out[i], t)
	}
	return out
}

// patchShard returns shard file f with the entries of terms (sorted)
// replaced by entries[term], or removed when entries has none, how many
// entries it gained, and how many bytes they take, a comma each.
func patchShard(f []byte, terms []string, entries map[string][]byte) (out []byte, gained, bytes int, err error) {
	old, err := splitArray(f)
	if err != nil {
		return nil, 0, 0, err
	}
	kept := make([][]byte, 0, len(old)+len(terms))
	k := 0
	take := func(t string) {
		if e, ok := entries[t]; ok {
			kept = append(kept, e)
			gained++
			bytes += len(e) + 1
		}
	}
	for _, e := range old {
		t, err := entryTerm(e)
		if err != nil {
			return nil, 0, 0, fmt.Errorf("mục không đọc được: %.40s", e)
		}
		for ; k < len(terms) && terms[k] < t; k++ {
			take(terms[k])
		}
		if k < len(terms) && terms[k] == t {
			gained--
			bytes -= len(e) + 1
			take(t)
			k++
			continue
		}
		kept = append(kept, e)
	}
	for ; k < len(terms); k++ {
		take(terms[k])
	}
	return joinEntries(kept), gained, bytes, nil
}
