/* The receipt, improved when JavaScript runs: it opens at the top with the ticket's panel focused
 * (after a submit with progress, the page is written over a form scrolled to its end), and has
 * copy buttons and a print button. */
(function () {
  "use strict";
  try { sessionStorage.removeItem("lapor-draft"); } catch (e) { /* nothing kept */ }  // sent: forget it
  window.scrollTo(0, 0);
  document.getElementById("receipt").focus({ preventScroll: true });
  document.querySelectorAll(".copy").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(document.getElementById(button.dataset.copy).textContent.trim());
      button.textContent = "✓ " + button.textContent.replace(/^✓ /, "");
    });
  });
  var printButton = document.getElementById("print-button");
  printButton.hidden = false;
  printButton.addEventListener("click", function () { window.print(); });
})();
