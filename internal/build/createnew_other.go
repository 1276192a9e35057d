//go:build !unix

package build

import "os"

// createNew creates the file full, which must not exist, holding data.
// No identity is known here (identify).
func createNew(full string, data []byte) (fileID, error) {
	f, err := os.OpenFile(full, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return fileID{}, err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fileID{}, err
	}
	return fileID{}, f.Close()
}
