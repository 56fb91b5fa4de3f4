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
        if (how === "ratio-desc" && ra !== rb) return rb - ra;
        if (how === "ratio-asc" && ra !== rb) return ra - rb;
        return a.dataset.date < b.dataset.date ? -1 : a.dataset.date > b.dataset.date ? 1 : 0;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      table.setAttribute("data-sorted", how);
    });
  }
  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
