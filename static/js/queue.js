/* The queue, when JavaScript runs: j and k move to the next and previous case, Enter opens it
 * (the row's link has the focus). Keys typed in a field are left alone. */
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll(".queue tbody tr"));
  var help = document.getElementById("queue-keys");
  if (!rows.length) return;
  if (help) help.hidden = false;
  var current = -1;
  function select(index) {
    if (current >= 0) rows[current].classList.remove("queue-row--current");
    current = Math.max(0, Math.min(rows.length - 1, index));
    var row = rows[current];
    row.classList.add("queue-row--current");
    var link = row.querySelector("a[href*='/kasus/']");
    if (link) link.focus();
    row.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.closest("input, select, textarea, [contenteditable], dialog")) return;
    if (event.key === "j") { select(current + 1); event.preventDefault(); }
    else if (event.key === "k") { select(current - 1); event.preventDefault(); }
  });
})();
