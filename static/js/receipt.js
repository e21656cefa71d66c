/* The receipt, improved when JavaScript runs: copy buttons and a print button. */
(function () {
  "use strict";
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
