/* Solves the portal's proof-of-work challenge (ALTCHA's): the number whose SHA-256 with the
 * salt is the challenge. Runs in a worker so the page stays responsive; reports progress. */
self.onmessage = async function (event) {
  "use strict";
  var challenge = event.data;
  var encoder = new TextEncoder();
  for (var number = 0; number <= challenge.maxnumber; number++) {
    var digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + number)));
    var hex = "";
    for (var i = 0; i < digest.length; i++) hex += (digest[i] < 16 ? "0" : "") + digest[i].toString(16);
    if (hex === challenge.challenge) {
      self.postMessage({ number: number });
      return;
    }
    if (number % 500 === 0) self.postMessage({ progress: number / challenge.maxnumber });
  }
  self.postMessage({ number: null });
};
