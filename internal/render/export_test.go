package render

// KeysHashingAll is KeysOn on one goroutine, taking no value's word for
// what its methods return (Vouched): every long string is hashed where
// the walk meets it.
func (r *Renderer) KeysHashingAll(pages []*Page) []Key { return r.keysOn(pages, 1, nil, false, nil) }

// KeyChunk is how many pages a key worker takes at a time.
const KeyChunk = keyChunk
