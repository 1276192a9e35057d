// danvan's web editor (/quan-tri/): loaded before the Decap CMS bundle.
// 1. Decap starts by hand (CMS_MANUAL_INIT) once danvan's widgets are
//    registered; on the public site only when _site.yaml names the GitHub
//    repository (editor.repo), else the page says what the admin must do.
// 2. The rules between fields that Decap's config cannot express
//    (content.CrossRules with Editor "check") run as validations of the
//    fields that show them (danvan_checks in config.yml), so the form
//    refuses what the build refuses, with the build's message. Each check
//    names its Go twin; checks_test.go runs both on the same cases.
// 3. Before every save, empty optional values are dropped, so the file
//    gets no `year: ""`, `contest: {}` or `cover: ""`: absent is what
//    "not set" means, and the build refuses some empty values.
"use strict";
window.CMS_MANUAL_INIT = true;

(function () {
  // --- Checks: pure functions of the entry's data (plain object) and its
  // path ("" for a new entry); each returns a message, or "".

  function present(v) {
    return v !== undefined && v !== null && String(v).trim() !== "";
  }
  function day(v) {
    return present(v) ? String(v).slice(0, 10) : "";
  }
  function showDate(iso) { // 2019-06-14 → 14/06/2019
    var p = iso.split("-");
    return p[2] + "/" + p[1] + "/" + p[0];
  }
  // A single-file article: content/bai-viet/<name>.md, not <name>/index.md.
  function singleFile(path) {
    return /^content\/bai-viet\/[^\/]+\.md$/.test(path || "");
  }
  // An image written as a file name beside the article (not /images/…).
  function beside(src) {
    return present(src) && src.charAt(0) !== "/" && src.indexOf("://") < 0;
  }
  var imageRE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)/g;

  var checks = {
    // Go: content.parseArticle, "có ảnh bìa thì cần mô tả ảnh bìa".
    "cover-alt": function (d) {
      if (present(d.cover) && !present(d.cover_alt)) {
        return "Có ảnh bìa thì cần mô tả ảnh bìa cho người khiếm thị: tả điều ảnh cho thấy, một câu.";
      }
      return "";
    },
    // Go: content.checkCover and site.resolver.Image, "bài dạng một tệp
    // chỉ dùng được ảnh trong static/".
    "single-file-image": function (d, path) {
      if (!singleFile(path)) return "";
      var bad = [];
      if (beside(d.cover)) bad.push(d.cover);
      var m;
      imageRE.lastIndex = 0;
      while ((m = imageRE.exec(d.body || "")) !== null) {
        if (beside(m[1])) bad.push(m[1]);
      }
      if (bad.length === 0) return "";
      return "Bài này là một tệp đơn (" + path + "), không có thư mục riêng cho ảnh, nên ảnh " + bad.join(", ") +
        " không đặt cạnh bài được: chọn ảnh có sẵn trong /images/…, hoặc tạo bài mới (bài mới có thư mục riêng cho ảnh) và chép nội dung sang.";
    },
    // Go: content.parseEntry, "thiếu … (bắt buộc với bài dự thi)": the
    // required keys of the contest group (content.ArticleRules).
    "contest-complete": function (d) {
      var c = d.contest;
      if (!c || typeof c !== "object") return "";
      var filled = Object.keys(c).some(function (k) { return present(c[k]) && !(Array.isArray(c[k]) && c[k].length === 0); });
      if (!filled) return "";
      var missing = [];
      [["round", "đợt thi"], ["outlet", "cơ quan báo chí"], ["media", "loại hình báo chí"], ["genre", "thể loại"]].forEach(function (k) {
        if (!present(c[k[0]])) missing.push(k[1]);
      });
      if (missing.length === 0) return "";
      return "Bài dự thi báo chí cần " + missing.join(", ") + "; nếu bài không dự thi, xóa hết các ô của phần này.";
    },
    // Go: content.validate, "bài dự thi đợt … phải đăng trong thời gian của đợt".
    "contest-window": function (d, path, rounds) {
      var c = d.contest || {};
      if (!present(c.round) || !present(d.date)) return "";
      for (var i = 0; i < rounds.length; i++) {
        var r = rounds[i];
        if (String(r.round) !== String(c.round)) continue;
        var dd = day(d.date);
        if (dd < r.from || dd > r.to) {
          return "Bài dự thi đợt " + r.round + " phải đăng trong thời gian của đợt, từ " + showDate(r.from) + " đến " +
            showDate(r.to) + ", nhưng ngày đăng là " + showDate(dd) + ": sửa ngày đăng, hoặc chọn đúng đợt thi.";
        }
      }
      return "";
    },
    // Go: content.parseArticle, "ngày cập nhật … trước ngày đăng".
    "lastmod-after-date": function (d) {
      if (present(d.lastmod) && present(d.date) && day(d.lastmod) < day(d.date)) {
        return "Ngày cập nhật " + showDate(day(d.lastmod)) + " trước ngày đăng " + showDate(day(d.date)) +
          ": ngày cập nhật là ngày sửa bài sau khi đăng; sửa lại hoặc để trống.";
      }
      return "";
    },
  };
  // Exposed for tests (checks_test.go) and for debugging in the console.
  window.danvanChecks = checks;

  // The contest rounds' windows, [{round, from, to}] from _site.yaml
  // (index.html's data-rounds).
  var script = document.currentScript;
  var rounds = [];
  try {
    rounds = JSON.parse((script && script.getAttribute("data-rounds")) || "[]");
  } catch (e) {
    rounds = [];
  }

  // runChecks returns the first message of the named checks, or "".
  function runChecks(names, data, path) {
    for (var i = 0; i < names.length; i++) {
      var check = checks[names[i]];
      var msg = check ? check(data, path, rounds) : "Thiếu kiểm tra " + names[i] + " trong admin.js";
      if (msg) return msg;
    }
    return "";
  }

  // --- Empty values.

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
  window.danvanClean = clean;

  // --- Widgets "danvan-<base>": the base widget, valid only when the
  // checks it names pass. Decap calls isValid on the control before a
  // save and shows the message under the field.

  function withChecks(CMS, base) {
    var w = CMS.getWidget(base);
    if (!w || typeof w.control !== "function" || !w.control.prototype || !w.control.prototype.render) {
      return false;
    }
    var Base = w.control;
    class Checked extends Base {
      constructor(props) {
        super(props);
        var self = this;
        var own = this.isValid;
        this.isValid = function () {
          var field = self.props.field;
          // getEntry is the draft as it is now; props.entry is as it was
          // when this field last changed.
          var entry = self.props.getEntry ? self.props.getEntry() : self.props.entry;
          var names = field && field.get("danvan_checks");
          if (names && entry) {
            var msg = runChecks(names.toJS(), entry.get("data").toJS(), entry.get("path") || "");
            if (msg) {
              // Decap does not scroll to a refused field: show it.
              var el = document.getElementById(self.props.forID);
              if (el && el.scrollIntoView) el.scrollIntoView({ block: "center" });
              return { error: { type: "CUSTOM", message: msg } };
            }
          }
          return own ? own.call(self) : true;
        };
      }
    }
    CMS.registerWidget("danvan-" + base, Checked, w.preview);
    return true;
  }

  // Decap's Vietnamese phrases that read badly or were left in English;
  // the glyph "＋" is missing from many phones' fonts.
  var phrases = {
    "collection.collectionTop.newButton": "+ Thêm %{collectionLabel}",
    "collection.collectionTop.groupBy": "Nhóm theo",
    "collection.collectionTop.viewAs": "Xem dạng",
    "editor.editorToolbar.status": "Trạng thái: %{status}",
    "ui.toast.onFailToPersist": "Không lưu được: %{details}",
  };
  function fixPhrases(CMS) {
    var vi = CMS.getLocale && CMS.getLocale("vi");
    if (!vi) return;
    Object.keys(phrases).forEach(function (key) {
      var path = key.split("."), o = vi;
      for (var i = 0; o && i < path.length - 1; i++) o = o[path[i]];
      if (o && typeof o[path[path.length - 1]] === "string") o[path[path.length - 1]] = phrases[key];
    });
  }

  var local = ["localhost", "127.0.0.1"].indexOf(location.hostname) >= 0;
  var repo = script ? script.getAttribute("data-repo") : "";

  function start() {
    var CMS = window.CMS;
    if (!CMS) {
      document.body.textContent = "Không tải được trình soạn bài (decap-cms.js).";
      return;
    }
    if (!local && !repo) {
      document.body.textContent = "Trình soạn bài chưa được bật: người quản trị trang cần ghi kho GitHub (editor: repo: chủ/tên-kho) trong content/_site.yaml, như README hướng dẫn.";
      return;
    }
    fixPhrases(CMS);
    var wrapped = {};
    ["string", "image", "datetime", "markdown", "object"].forEach(function (b) { wrapped[b] = withChecks(CMS, b); });
    CMS.registerEventListener({
      name: "preSave",
      handler: function (ev) {
        var entry = ev.entry;
        var data = entry.get("data");
        // The same checks again, for a widget that could not be wrapped:
        // a save the build would refuse never leaves the editor.
        var msg = runChecks(Object.keys(checks), data.toJS(), entry.get("path") || "");
        if (msg) throw new Error(msg);
        var body = data.get("body");
        var out = clean(data);
        // The body is the Markdown after the frontmatter, not a key.
        return body === undefined ? out : out.set("body", body);
      },
    });
    window.danvanWrapped = wrapped;
    CMS.init();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
