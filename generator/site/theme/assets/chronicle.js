/* conflict-chronicle: re-sorts the disputed table (progressive enhancement:
   without JavaScript the table stays sorted by date). */
(function () {
  function setup() {
    var table = document.querySelector(".disputed-table");
    var controls = document.querySelector(".sort-controls");
    if (!table || !controls) return;
    controls.hidden = false;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    controls.addEventListener("click", function (event) {
      var how = event.target.getAttribute("data-sort");
      if (!how) return;
      var sorted = rows.slice().sort(function (a, b) {
        var ra = parseFloat(a.dataset.ratio), rb = parseFloat(b.dataset.ratio);
        if (how !== "date" && ra !== rb) {
          if (!ra || !rb) return ra ? -1 : 1; // rows without figures (ratio 0) go last
          return how === "ratio-desc" ? rb - ra : ra - rb;
        }
        return parseInt(a.dataset.order, 10) - parseInt(b.dataset.order, 10); // date order
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      table.setAttribute("data-sorted", how);
    });
  }
  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();

/* conflict-chronicle: accent folding of search queries. The search index holds
   the folded form of every accented word (generator/site/search.py), so a query is
   folded the same way before the search worker sees it: "Goïta" and "Goita"
   find the same pages. Only Latin letters are folded, as at build time. */
var chronicleFold = (function () {
  var special = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h",
    "Ħ": "H", "þ": "th", "Þ": "Th"
  };
  function fold(text) {
    return text
      .replace(/[\u00c0-\u024f\u1e00-\u1eff]/g, function (letter) {
        return special[letter] || letter.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      })
      .replace(/['\u2019]s(?=[\s,.;:!?)]|$)/g, "") /* "Darfur's" is found as "Darfur" */
      .replace(/['\u2019\u02bc\u2018]/g, "");
  }
  /* Material's search runs in a worker and receives each query as a message
     { type: 2 (query), data: "the query" }. */
  if (window.Worker && Worker.prototype.postMessage) {
    var post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message) {
      if (message && message.type === 2 && typeof message.data === "string") {
        var args = Array.prototype.slice.call(arguments);
        args[0] = { type: message.type, data: fold(message.data) };
        return post.apply(this, args);
      }
      return post.apply(this, arguments);
    };
  }
  return fold;
})();

/* conflict-chronicle: Material's search box is a dialog without a name (its script opens
   it; without JavaScript it does nothing): it takes the name of its search field, which
   the theme gives in the interface's language. */
(function () {
  function name() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    var field = document.querySelector(".md-search__input");
    if (dialog && field && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.placeholder);
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", name); } else { name(); }
})();
