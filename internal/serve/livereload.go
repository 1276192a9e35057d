package serve

// liveReloadJS is served at /_danvan/livereload.js and added to every page
// by the preview server only. It listens for Server-Sent Events: "reload"
// reloads the page, "css" swaps the stylesheet in place, "problems" shows
// the content errors in an overlay (built from text nodes, never HTML).
const liveReloadJS = `(function () {
  "use strict";
  var overlay = null;
  function show(list) {
    if (overlay) { overlay.remove(); overlay = null; }
    if (!list || !list.length) { return; }
    overlay = document.createElement("div");
    overlay.id = "danvan-loi";
    overlay.setAttribute("role", "alert");
    var s = overlay.style;
    s.position = "fixed"; s.inset = "0"; s.zIndex = "2147483647"; s.overflow = "auto";
    s.background = "rgba(20,20,20,.94)"; s.color = "#fff"; s.padding = "1.5rem";
    s.font = "15px/1.5 ui-monospace, Menlo, Consolas, monospace";
    var h = document.createElement("h2");
    h.textContent = "Nội dung có lỗi — trang chưa được cập nhật";
    h.style.color = "#ffb4a9";
    overlay.appendChild(h);
    list.forEach(function (line) {
      var p = document.createElement("pre");
      p.textContent = line;
      p.style.whiteSpace = "pre-wrap";
      p.style.margin = "0 0 .6rem";
      overlay.appendChild(p);
    });
    document.body.appendChild(overlay);
  }
  var gen = (document.currentScript && document.currentScript.getAttribute("data-gen")) || "0";
  var es = new EventSource("/_danvan/events");
  // Once connected, catch up on what happened while the page loaded: a
  // newer build reloads the page, errors show in the overlay.
  // An event that arrives while the status is on its way is newer than
  // that status: then the answer is ignored.
  var events = 0;
  es.addEventListener("open", function () {
    var seen = events;
    fetch("/_danvan/status").then(function (r) { return r.json(); }).then(function (st) {
      document.documentElement.setAttribute("data-danvan-live", "1");
      if (events !== seen) { return; }
      if (String(st.gen) !== gen && st.gen > 0) { location.reload(); return; }
      show(st.problems);
    }).catch(function () {});
  });
  es.addEventListener("reload", function () { events++; location.reload(); });
  es.addEventListener("css", function (e) {
    events++;
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
      if ((l.getAttribute("href") || "").indexOf("/css/app.") === 0) { l.setAttribute("href", e.data); }
    });
  });
  es.addEventListener("problems", function (e) { events++; show(JSON.parse(e.data)); });
})();
`
