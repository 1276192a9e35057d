//go:build !linux

package build

// listTree is listTreePortable here.
func listTree(root string, add func(url string, dir bool, id fileID, identified bool)) error {
	return listTreePortable(root, add)
}
