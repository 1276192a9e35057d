//go:build !unix

package build

import (
	"io/fs"
	"os"
)

// identify knows no inode numbers here: no file is ever reused, every
// build writes all its files.
func identify(fs.FileInfo) (fileID, bool) { return fileID{}, false }

// filesIdentified says identifyIn gives the identity of files: not here.
const filesIdentified = false

// identifyIn knows no identities here.
func identifyIn(*os.File, []string) map[string]fileID { return nil }
