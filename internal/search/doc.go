// Package search holds the end-to-end tests of the site search (Go and
// JavaScript parity, relevance, the search page in Chromium, download and
// latency measurements). The search itself lives in four parts:
//
//   - analysis: the Vietnamese text analysis, shared by every part and
//     mirrored by the browser client;
//   - store: the bleve index kept in the build cache and updated by
//     content hash, and the walk that reads the postings out of it;
//   - static: the static index under public/tim-kiem/ (format, writer,
//     reader and scorer: the one ranking of danvan);
//   - static/js/search.js: the browser client, a mirror of the scorer.
package search
