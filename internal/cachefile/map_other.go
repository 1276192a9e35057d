//go:build !unix

package cachefile

import "os"

// mapFile reads file (mapping it is for unix systems).
func mapFile(file string) (data []byte, release func(), err error) {
	data, err = os.ReadFile(file)
	return data, func() {}, err
}
