package qa

import (
	"net/http"

	"github.com/quangngai/danvan/internal/host"
)

// SiteHandler serves a built site as the static host does.
//
// Deprecated: use host.Dir; this stays only until the search tests move.
func SiteHandler(root string) http.Handler { return host.Dir(root) }
