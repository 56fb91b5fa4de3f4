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
