// danvan's web editor (/quan-tri/): loaded before the Decap CMS bundle.
// 1. Decap starts by hand (CMS_MANUAL_INIT) once this page has what the
//    chosen backend needs: on the public site, the Netlify Identity widget
//    for Git Gateway log-in; on localhost, nothing (decap-server).
// 2. Before every save, empty optional values are dropped, so the file
//    gets no `year: ""`, `contest: {}` or `cover: ""`: danvan's frontmatter
//    contract rejects some of them, and absent is what "not set" means.
"use strict";
window.CMS_MANUAL_INIT = true;

(function () {
  function isImmutable(v) {
    return v !== null && typeof v === "object" && typeof v.toJS === "function" && typeof v.filter === "function";
  }
  function isEmpty(v) {
    if (v === null || v === undefined) return true;
    if (typeof v === "string") return v.trim() === "";
    if (typeof v === "number") return isNaN(v);
    if (isImmutable(v)) return v.size === 0;
    if (Array.isArray(v)) return v.length === 0;
    return false;
  }
  function clean(v) {
    if (!isImmutable(v)) return v;
    return v.map(clean).filter(function (x) { return !isEmpty(x); });
  }
  // Exposed for tests and for anyone debugging a save in the console.
  window.danvanClean = clean;

  var local = ["localhost", "127.0.0.1"].indexOf(location.hostname) >= 0;

  function start() {
    var CMS = window.CMS;
    if (!CMS) {
      document.body.textContent = "Không tải được trình soạn bài (decap-cms.js).";
      return;
    }
    CMS.registerEventListener({
      name: "preSave",
      handler: function (ev) {
        var data = ev.entry.get("data");
        var body = data.get("body");
        var out = clean(data);
        // The body is the Markdown after the frontmatter, not a key.
        return body === undefined ? out : out.set("body", body);
      },
    });
    CMS.init();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (local || window.netlifyIdentity) {
      start();
      return;
    }
    var s = document.createElement("script");
    s.src = "https://identity.netlify.com/v1/netlify-identity-widget.js";
    s.onload = start;
    s.onerror = start; // Decap shows its own Git Gateway log-in form
    document.head.appendChild(s);
  });
})();
