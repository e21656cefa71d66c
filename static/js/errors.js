/* Error summaries, improved when JavaScript runs: the summary takes focus as the page opens, so
 * that a screen reader reads it first, and each of its links puts the cursor in the field it
 * names, with the field's label and hint in view. Without JavaScript the links still lead there. */
(function () {
  "use strict";
  var summary = document.querySelector(".error-summary[tabindex], .changes[tabindex]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var input = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!input) return;
    event.preventDefault();
    (input.closest(".field") || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
