package render

// KeysHashingAll is KeysOn on one goroutine with no sum known beforehand:
// every long string is hashed where the walk meets it.
func (r *Renderer) KeysHashingAll(pages []*Page) []Key { return r.keysOn(pages, 1, nil) }
