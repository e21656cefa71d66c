/* The dossier check, improved when JavaScript runs: choose the PDF and its SHA-256 is computed
 * here, on the device (the file is never sent), then checked as if typed. */
(function () {
  "use strict";
  var group = document.getElementById("pdf-group");
  var input = document.getElementById("pdf");
  var field = document.getElementById("id_sha256");
  if (!group || !field || !(window.crypto && crypto.subtle && window.FileReader)) return;
  group.hidden = false;
  input.addEventListener("change", function () {
    var file = input.files[0];
    if (!file) return;
    file.arrayBuffer().then(function (bytes) { return crypto.subtle.digest("SHA-256", bytes); }).then(function (digest) {
      field.value = Array.prototype.map.call(new Uint8Array(digest), function (byte) {
        return ("0" + byte.toString(16)).slice(-2);
      }).join("");
      document.getElementById("verify-form").submit();
    });
  });
})();
