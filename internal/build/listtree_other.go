//go:build !linux

package build

// listTree is listTreePortable here: it keeps no record of folders.
func listTree(root string, _ *treeRecords, add func(url string, dir bool, id fileID, identified bool)) (*treeRecord, error) {
	return nil, listTreePortable(root, add)
}
