/* The case page, improved when JavaScript runs: the legal basis follows the chosen category
 * (classify and reclassify) until the analyst edits it. The page works without it. */
(function () {
  "use strict";
  var data = document.getElementById("legal-bases");
  if (!data) return;
  var bases = JSON.parse(data.textContent);
  ["classify", "reclassify"].forEach(function (action) {
    var category = document.getElementById("id_" + action + "_category");
    var text = document.getElementById("id_" + action + "_legal_basis");
    if (!category || !text) return;
    var edited = text.value !== "";
    text.addEventListener("input", function () { edited = true; });
    function fill() { if (!edited) text.value = bases[category.value] || ""; }
    category.addEventListener("change", function () { edited = false; fill(); });
    fill();
  });
})();
