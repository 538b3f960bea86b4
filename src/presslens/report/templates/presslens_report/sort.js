// presslens report tables: click a column heading to sort its rows, click again to reverse.
// Numbers (12, 0.35, 4%, +3%) sort as numbers, anything else as text; empty cells go last.
(function () {
  function key(cell) {
    var text = (cell ? cell.textContent : "").trim();
    var number = parseFloat(text.replace(/[%\s,]/g, "").replace(/^\+/, ""));
    return {text: text.toLowerCase(), number: /^[+-]?[\d.,]+%?$/.test(text) ? number : NaN, empty: text === ""};
  }
  function compare(a, b) {
    if (a.empty !== b.empty) return a.empty ? 1 : -1;
    if (!isNaN(a.number) && !isNaN(b.number)) return a.number - b.number;
    return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  }
  document.querySelectorAll("table.pl-table").forEach(function (table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length < 2) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      th.classList.add("pl-sortable");
      th.setAttribute("title", "Sort by this column");
      th.addEventListener("click", function () {
        var down = th.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", down ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(key(r1.cells[column]), key(r2.cells[column]));
          return down ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
