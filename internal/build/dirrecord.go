package build

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/quangngai/danvan/internal/cachefile"
)

// Listing the spare (listSpare) read every one of its folders: at 10,000
// articles 14,000 of them, an open, two getdents and a close each, a
// quarter of a warm build's system calls. A folder's entries change only
// with its own modification and change times (an entry added, removed or
// renamed moves both; nobody can set the change time back), so a folder
// whose device, inode and both times are those recorded when the tree was
// last listed still holds the entries recorded then: it is looked at
// (one fstatat), not read. Its files are still looked at one by one, since
// a file rewritten in place leaves its folder as it was (keep).
//
// As with the input sums (inputsums.go), a folder is trusted only when
// both its times are at least sumsMargin older than the listing that
// recorded it: a change within the same clock tick as that listing would
// leave the times as they were.
//
// The two trees a destination alternates between (the output and its
// spare) each get a record, under the identity of their root folder,
// which the renames of the swap keep: a build lists the spare that the
// build before last wrote, and saves what it listed for the build after
// next.

// dirRecordFile holds the records of the trees listed lately, under
// <CacheDir>/build/.
const dirRecordFile = "folders.bin"

// dirRecordVersion changes with the record layout or its meaning.
const dirRecordVersion = 1

// dirent is one entry of a folder: its name and d_type.
type dirent struct {
	name string
	typ  uint8
}

// dirID is a folder's identity: device and inode, and its modification
// and change times (Unix nanoseconds).
type dirID struct {
	Dev, Ino     uint64
	MTime, CTime int64
}

// dirRecord is one folder as listed: its identity, looked at before its
// entries were read, and its entries, sorted by name.
type dirRecord struct {
	ID      dirID
	Entries []dirent
}

// treeRecord is one tree as listed: its root's device and inode, when the
// listing began, and each folder under the root by URL path ("/a/b").
type treeRecord struct {
	Dev, Ino uint64
	Listed   time.Time
	Dirs     map[string]dirRecord
	read     int // folders this listing read, not found as recorded (not saved)
}

// trusted returns the recorded entries of the folder at URL path u when
// the folder, now with identity id, is as it was listed.
func (r *treeRecord) trusted(u string, id dirID) ([]dirent, bool) {
	if r == nil {
		return nil, false
	}
	d, ok := r.Dirs[u]
	if !ok || d.ID != id {
		return nil, false
	}
	settled := r.Listed.Add(-sumsMargin).UnixNano()
	if id.MTime >= settled || id.CTime >= settled {
		return nil, false
	}
	return d.Entries, true
}

// treeRecords are the trees of one destination listed lately, newest
// first; at most two are kept (an output and its spare).
type treeRecords struct {
	Version int
	Dest    string
	Trees   []*treeRecord
}

// of returns the record of the tree whose root has the given identity.
func (rs *treeRecords) of(dev, ino uint64) *treeRecord {
	if rs == nil {
		return nil
	}
	for _, t := range rs.Trees {
		if t.Dev == dev && t.Ino == ino {
			return t
		}
	}
	return nil
}

// with returns the records with t first and at most one other tree (their
// destination is set when they are saved: dirOutput.saveFolders).
func (rs *treeRecords) with(t *treeRecord) *treeRecords {
	out := &treeRecords{Version: dirRecordVersion, Trees: []*treeRecord{t}}
	if rs != nil {
		for _, o := range rs.Trees {
			if (o.Dev != t.Dev || o.Ino != t.Ino) && len(out.Trees) < 2 {
				out.Trees = append(out.Trees, o)
			}
		}
	}
	return out
}

func dirRecordKey(dest string) string {
	return fmt.Sprintf("folders-v%d\x00%s", dirRecordVersion, dest)
}

// loadTreeRecords reads the tree records of dest from dir. Any problem
// means none: every folder is then read.
func loadTreeRecords(dir, dest string) *treeRecords {
	rs, ok, warn := cachefile.LoadRecords(filepath.Join(dir, dirRecordFile), dirRecordKey(dest), decodeTreeRecords)
	if warn != nil || !ok || rs.Version != dirRecordVersion || rs.Dest != dest {
		return nil
	}
	return rs
}

// save writes the records into dir.
func (rs *treeRecords) save(dir string) error {
	err := cachefile.SaveRecords(dir, dirRecordFile, dirRecordKey(rs.Dest), func(e *cachefile.Encoder) { encodeTreeRecords(e, rs) })
	if err != nil {
		return fmt.Errorf("ghi danh sách thư mục đầu ra: %w", err)
	}
	return nil
}

// The record layout of saved tree records: version, destination, the
// number of trees, then each tree's root, listing time and folders, each
// folder its URL, identity and entries (name and kind). decodeTreeRecords
// reads it back; TestTreeRecordsRoundTrip covers every field.
func encodeTreeRecords(e *cachefile.Encoder, rs *treeRecords) {
	e.Int(rs.Version)
	e.String(rs.Dest)
	e.Uint(uint64(len(rs.Trees)))
	for _, t := range rs.Trees {
		e.Uint(t.Dev)
		e.Uint(t.Ino)
		e.Int(int(t.Listed.UnixNano()))
		e.Uint(uint64(len(t.Dirs)))
		for u, d := range t.Dirs {
			e.String(u)
			e.Uint(d.ID.Dev)
			e.Uint(d.ID.Ino)
			e.Int(int(d.ID.MTime))
			e.Int(int(d.ID.CTime))
			e.Uint(uint64(len(d.Entries)))
			for _, en := range d.Entries {
				e.String(en.name)
				e.Uint(uint64(en.typ))
			}
		}
	}
}

func decodeTreeRecords(d *cachefile.Decoder) *treeRecords {
	rs := &treeRecords{Version: d.Int(), Dest: d.String()}
	n := d.Count(3)
	for range n {
		t := &treeRecord{Dev: d.Uint(), Ino: d.Uint(), Listed: time.Unix(0, int64(d.Int()))}
		nd := d.Count(6)
		t.Dirs = make(map[string]dirRecord, nd)
		for range nd {
			u := d.String()
			r := dirRecord{ID: dirID{Dev: d.Uint(), Ino: d.Uint(), MTime: int64(d.Int()), CTime: int64(d.Int())}}
			ne := d.Count(2)
			r.Entries = make([]dirent, 0, ne)
			for range ne {
				r.Entries = append(r.Entries, dirent{name: d.String(), typ: uint8(d.Uint())})
			}
			t.Dirs[u] = r
		}
		rs.Trees = append(rs.Trees, t)
	}
	return rs
}
