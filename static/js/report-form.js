/* The report form, improved when JavaScript runs: province then kabupaten/kota, previews of
 * the chosen screenshots, identity fields hidden for anonymous reports, a check of the answers,
 * and resumable uploads with progress. The form works without it (the server's check page).
 * Files are sent exactly as chosen, never resized. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;
  var text = JSON.parse(document.getElementById("report-form-text").textContent);
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function size(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + " MB" : Math.ceil(bytes / 1024) + " KB";
  }

  // What the citizen types is kept in this tab (sessionStorage: gone when the tab closes) until
  // the report is sent, so a reload or a lost connection does not cost it. Never the files.
  var DRAFT = "lapor-draft";
  var kept = form.querySelectorAll("input:not([type=file]):not([type=hidden]):not([name=uploads]), select, textarea");
  function draftSave() {
    var values = {};
    Array.prototype.forEach.call(kept, function (field) {
      if (!field.name) return;
      if (field.type === "checkbox") { if (field.checked) (values[field.name] = values[field.name] || []).push(field.value); }
      else values[field.name] = field.value;
    });
    try { sessionStorage.setItem(DRAFT, JSON.stringify(values)); } catch (e) { /* storage off or full */ }
  }
  function draftRestore() {
    var values;
    try { values = JSON.parse(sessionStorage.getItem(DRAFT) || "null"); } catch (e) { values = null; }
    if (!values || !Object.keys(values).some(function (name) { return values[name].length; })) return;
    Array.prototype.forEach.call(kept, function (field) {
      if (!(field.name in values)) { if (field.type === "checkbox") field.checked = false; return; }
      if (field.type === "checkbox") field.checked = values[field.name].indexOf(field.value) !== -1;
      else field.value = values[field.name];
    });
    var notice = document.createElement("div");
    notice.className = "notice";
    notice.setAttribute("role", "status");
    notice.id = "draft-restored";
    notice.appendChild(document.createTextNode(text.restored + " "));
    var forget = document.createElement("button");
    forget.type = "button";
    forget.className = "link-button";
    forget.textContent = text.forget;
    forget.addEventListener("click", function () {
      try { sessionStorage.removeItem(DRAFT); } catch (e) { /* nothing kept */ }
      window.location.reload();
    });
    notice.appendChild(forget);
    form.parentNode.insertBefore(notice, form);
  }
  // A page with errors shows what was sent already; a fresh form takes back what was typed.
  if (!document.getElementById("error-summary")) draftRestore();
  form.addEventListener("input", draftSave);
  form.addEventListener("change", draftSave);

  // Province first, then only its own government and kabupaten/kota. The options are copied
  // once, so changing the province any number of times always finds them all.
  var region = document.getElementById("id_asn_region");
  var groups = Array.prototype.map.call(region.querySelectorAll("optgroup"), function (group) {
    return {
      label: group.label,
      options: Array.prototype.map.call(group.children, function (option) { return option.cloneNode(true); })
    };
  });
  var empty = region.querySelector("option[value='']").cloneNode(true);
  var province = document.createElement("select");
  province.id = "id_province";
  province.add(new Option(text.choose_province, ""));
  groups.forEach(function (group, index) { province.add(new Option(group.label, String(index))); });
  var label = document.createElement("label");
  label.className = "label";
  label.htmlFor = province.id;
  label.textContent = text.province;
  var wrapper = document.createElement("div");
  wrapper.className = "field";
  wrapper.appendChild(label);
  wrapper.appendChild(province);
  document.getElementById("province-slot").appendChild(wrapper);
  function showRegions() {
    var chosen = region.value;
    region.innerHTML = "";
    region.appendChild(empty.cloneNode(true));
    var group = groups[Number(province.value)];
    if (province.value !== "" && group) {
      group.options.forEach(function (option) { region.appendChild(option.cloneNode(true)); });
    }
    region.value = chosen;
    if (region.value !== chosen) region.value = "";
    region.disabled = province.value === "";
  }
  groups.forEach(function (group, index) {
    group.options.forEach(function (option) { if (option.value === region.value) province.value = String(index); });
  });
  province.addEventListener("change", showRegions);
  showRegions();

  // Anonymous reports keep no identity: hide the fields that would not be stored.
  var anonymous = document.getElementById("id_anonymous");
  var identity = document.getElementById("identity-fields");
  function toggleIdentity() { identity.hidden = anonymous.checked; }
  anonymous.addEventListener("change", toggleIdentity);
  toggleIdentity();

  // Previews of the chosen screenshots, with the limits checked before anything is sent.
  var input = document.getElementById("id_evidence");
  var previews = document.getElementById("previews");
  var maxFiles = Number(form.dataset.maxFiles);
  var maxBytes = Number(form.dataset.maxBytes);
  input.addEventListener("change", function () {
    previews.innerHTML = "";
    var files = Array.prototype.slice.call(input.files);
    if (files.length > maxFiles) {
      var warning = document.createElement("li");
      warning.className = "too-big";
      warning.textContent = fill(text.too_many, { count: files.length, max: maxFiles });
      previews.appendChild(warning);
    }
    files.forEach(function (file) {
      var item = document.createElement("li");
      var image = document.createElement("img");
      image.alt = "";
      image.src = URL.createObjectURL(file);
      image.onload = function () { URL.revokeObjectURL(image.src); };
      item.appendChild(image);
      item.appendChild(document.createTextNode(file.name + " · " + size(file.size)));
      if (file.size > maxBytes) {
        item.className = "too-big";
        item.appendChild(document.createElement("br"));
        item.appendChild(document.createTextNode(fill(text.too_big, { name: file.name, size: size(maxBytes) })));
      }
      previews.appendChild(item);
    });
  });

  // Send with progress, so a slow connection never looks frozen. The server's answer (the
  // receipt, or the form with its errors) replaces this page, as a normal submit would.
  // No timeout: on a slow connection a large upload may take many minutes, and progress shows.
  var progress = document.getElementById("progress");
  var bar = document.getElementById("progress-bar");
  var status = document.getElementById("progress-text");
  var button = document.getElementById("submit-button");
  if (!window.FormData || !("upload" in new XMLHttpRequest())) return;
  function show(request) {
    document.open();
    document.write(request.responseText);
    document.close();
    window.scrollTo(0, 0);
    if (request.responseURL) window.history.replaceState(null, "", request.responseURL);
  }
  function fail(message) {
    status.textContent = message;
    button.disabled = false;
  }
  // The connection dropped: the report may have been saved before the answer was lost. Ask
  // for the receipt before suggesting another try, so a report is never sent twice.
  function recover() {
    var check = new XMLHttpRequest();
    check.open("GET", form.dataset.receiptUrl);
    check.addEventListener("load", function () {
      if (check.status === 200) show(check);
      else fail(text.failed);
    });
    check.addEventListener("error", function () { fail(text.failed); });
    check.send();
  }
  // Check your answers: the first submit shows what will be sent, each with a link back to its
  // field; the report goes from there. Without JavaScript the form is sent as it is.
  var check = document.getElementById("check-answers");
  var checkList = document.getElementById("check-list");
  var checked = false;
  button.textContent = text.check;
  function labelOf(field) {
    var label = field.id && form.querySelector("label[for='" + field.id + "']");
    if (field.type === "checkbox" && field.name === "behaviours") label = field.closest("fieldset").querySelector("legend");
    if (!label) return field.name;
    var copy = label.cloneNode(true);
    copy.querySelectorAll(".optional").forEach(function (note) { note.remove(); });
    return copy.textContent.trim();
  }
  function answers() {
    var rows = [];
    var seen = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.type === "hidden" || field.type === "submit" || seen[field.name]) return;
      if (field.closest("[hidden]") || field.closest("#check-answers") || field.name === "uploads") return;
      var value;
      if (field.type === "file") {
        var files = Array.prototype.filter.call(form.querySelectorAll("input[name=uploads]"), function (box) { return box.checked; })
          .map(function (box) { return box.dataset.name + " (" + size(Number(box.dataset.size)) + ")"; })
          .concat(Array.prototype.map.call(field.files, function (file) { return file.name + " (" + size(file.size) + ")"; }));
        value = files.length ? fill(text.files, { count: files.length, names: files.join(", ") }) : "";
      } else if (field.type === "checkbox" && field.name === "behaviours") {
        value = Array.prototype.filter.call(form.querySelectorAll("input[name=behaviours]"), function (box) { return box.checked; })
          .map(function (box) { return labelOf({ id: box.id, name: box.name, type: "" }); }).join("; ");
      } else if (field.type === "checkbox") {
        value = field.checked ? text.yes : text.no;
      } else if (field.tagName === "SELECT") {
        value = field.value ? field.options[field.selectedIndex].text : "";
      } else if (field.type === "date" && field.value && window.Intl) {  // "5 Februari 2024", as the server says it
        value = new Intl.DateTimeFormat(document.documentElement.lang, { day: "numeric", month: "long", year: "numeric",
          timeZone: "UTC" }).format(new Date(field.value + "T00:00:00Z"));
      } else {
        value = field.value.trim();
      }
      seen[field.name] = true;
      rows.push({ field: field.name === "behaviours" ? form.querySelector("input[name=behaviours]") : field, label: labelOf(field), value: value });
    });
    return rows;
  }
  function checkShow() {
    checkList.innerHTML = "";
    answers().forEach(function (row) {
      var item = document.createElement("div");
      var term = document.createElement("dt");
      term.textContent = row.label;
      var value = document.createElement("dd");
      value.textContent = row.value || text.empty;
      var change = document.createElement("dd");
      var link = document.createElement("a");
      link.href = "#" + row.field.id;
      link.textContent = text.change;
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " " + row.label;
      link.appendChild(hidden);
      link.addEventListener("click", function (event) {
        event.preventDefault();
        checkHide();
        (row.field.closest(".field") || row.field).scrollIntoView();
        row.field.focus({ preventScroll: true });
      });
      change.appendChild(link);
      item.appendChild(term);
      item.appendChild(value);
      item.appendChild(change);
      checkList.appendChild(item);
    });
    form.classList.add("form--checking");
    check.hidden = false;
    window.scrollTo(0, 0);
    document.getElementById("check-title").focus();
  }
  function checkHide() {
    form.classList.remove("form--checking");
    check.hidden = true;
  }
  document.getElementById("check-send").addEventListener("click", function () { checked = true; });

  // Each chosen screenshot goes first, on its own, in parts (tus-js-client): after a dropped
  // connection only what did not arrive is sent again, from the last part the server kept. The
  // report then names them by their ids. Without tus (the library did not load), the files go
  // with the form in one request, as before.
  var resumable = window.tus && window.tus.isSupported;
  var sends = [];  // one per chosen file: { file, upload (tus), id once complete }
  input.addEventListener("change", function () { sends = []; });
  function token() { return form.querySelector("input[name=csrfmiddlewaretoken]").value; }
  function progressShow(sent, total, started) {
    var percent = Math.floor((sent / total) * 100);
    bar.value = percent;
    if (percent >= 100) { status.textContent = text.processing; return; }
    // How long is left, from the pace so far, once there is a pace to go by.
    var elapsed = (Date.now() - started) / 1000;
    var left = sent > 0 && elapsed >= 2 ? Math.ceil(((total - sent) * elapsed) / sent) : null;
    status.textContent = left === null ? fill(text.sending, { percent: percent }) : fill(text.sending_left, {
      percent: percent,
      left: left < 60 ? fill(text.seconds, { count: left }) : fill(text.minutes, { count: Math.ceil(left / 60) })
    });
  }
  function refused(statusCode, retryAfter) {
    if (statusCode === 403) fail(text.expired);
    else if (statusCode === 429) fail(fill(text.throttled, { minutes: Math.ceil(Number(retryAfter || 60) / 60) }));
    else if (statusCode === 413) fail(text.too_large);
    else if (statusCode >= 500) fail(text.server_error);
    else fail(text.failed);
  }
  // Retried by tus-js-client after a dropped connection or a server fault; not when refused, nor
  // when the server is holding too many uploads (503): the files then go with the form.
  function retried(error) {
    var code = error.originalResponse ? error.originalResponse.getStatus() : 0;
    return code !== 503 && !(code >= 400 && code < 500 && code !== 409 && code !== 423);
  }
  function uploadAll(done, withForm) {
    var files = Array.prototype.slice.call(input.files);
    if (!sends.length) sends = files.map(function (file) { return { file: file, upload: null, id: null }; });
    var total = sends.reduce(function (sum, item) { return sum + item.file.size; }, 0);
    var before = sends.reduce(function (sum, item) { return sum + (item.id ? item.file.size : 0); }, 0);
    var started = Date.now();
    var base = before;
    function next(index) {
      if (index >= sends.length) return done(sends.map(function (item) { return item.id; }));
      var item = sends[index];
      if (item.id) return next(index + 1);
      item.upload = item.upload || new window.tus.Upload(item.file, {
        endpoint: form.dataset.uploadUrl,
        chunkSize: Number(form.dataset.chunkBytes),
        retryDelays: [0, 1000, 3000, 5000],
        metadata: { filename: item.file.name, filetype: item.file.type },
        storeFingerprintForResuming: false,
        onShouldRetry: retried
      });
      item.upload.options.headers = { "X-CSRFToken": token() };
      item.upload.options.onProgress = function (sent) {
        if (total) progressShow(base + sent - before, total - before, started);
      };
      item.upload.options.onSuccess = function () {
        item.id = item.upload.url.replace(/\/$/, "").split("/").pop();
        base += item.file.size;
        next(index + 1);
      };
      item.upload.options.onError = function (error) {
        var response = error.originalResponse;
        if (response && response.getStatus() === 503) return withForm();
        refused(response ? response.getStatus() : 0, response && response.getHeader("Retry-After"));
      };
      item.upload.start();  // started again after a failure, it asks the server where to go on from
    }
    next(0);
  }

  function post(data, withProgress) {
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    var started = Date.now();
    if (withProgress) {
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) progressShow(e.loaded, e.total, started);
      });
    }
    request.addEventListener("load", function () {
      // The receipt (200) or the form with its errors (400) replaces this page. Anything else
      // (an expired session, a rate limit, a server fault) would replace what was typed: keep
      // the form, and say what happened.
      if (request.status === 200 || request.status === 400) show(request);
      else refused(request.status, request.getResponseHeader("Retry-After"));
    });
    request.addEventListener("error", recover);
    request.addEventListener("abort", recover);
    request.send(data);
  }

  // Too many screenshots, or one too large, would be uploaded only to be refused: say so at the
  // file input, before anything is sent.
  function filesRefused() {
    var held = form.querySelectorAll("input[name=uploads]:checked").length;
    var files = Array.prototype.slice.call(input.files);
    if (files.length + held > maxFiles) return fill(text.too_many, { count: files.length + held, max: maxFiles });
    var big = files.filter(function (file) { return file.size > maxBytes; })[0];
    return big ? fill(text.too_big, { name: big.name, size: size(maxBytes) }) : null;
  }
  function filesRefusedShow(message) {
    var shown = document.getElementById("evidence-refused");
    if (!shown) {
      shown = document.createElement("p");
      shown.className = "error-message";
      shown.id = "evidence-refused";
      shown.setAttribute("role", "alert");
      input.parentNode.insertBefore(shown, input);
    }
    shown.textContent = message;
    input.closest(".field").scrollIntoView();
    input.focus({ preventScroll: true });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var refusedFiles = filesRefused();
    if (refusedFiles) { checked = false; checkHide(); filesRefusedShow(refusedFiles); return; }
    if (!checked) { checkShow(); return; }
    checkHide();
    button.textContent = text.send;
    progress.hidden = false;
    progress.scrollIntoView({ block: "center" });
    button.disabled = true;
    status.textContent = fill(text.sending, { percent: 0 });
    if (!resumable) { prove(function () { post(new FormData(form), true); }); return; }
    uploadAll(function (ids) {
      status.textContent = text.processing;
      prove(function () {
        var data = new FormData(form);
        data.delete("evidence");
        ids.forEach(function (id) { data.append("uploads", id); });
        post(data, false);
      });
    }, function () {
      resumable = false;  // the server holds no more uploads now: the files go with the form, as they are
      prove(function () { post(new FormData(form), true); });
    });
  });

  // Proof of work, when the portal may ask for it: solve a challenge in a worker, then send.
  // Without a worker or SubtleCrypto the form is sent without it; the server says if it is due.
  function prove(send) {
    var field = form.querySelector("input[name=altcha]");
    if (form.dataset.pow === "off" || !field || !window.Worker || !(window.crypto && crypto.subtle)) return send();
    var fetching = new XMLHttpRequest();
    fetching.open("GET", form.dataset.challengeUrl);
    fetching.addEventListener("load", function () {
      if (fetching.status !== 200) return send();
      var challenge = JSON.parse(fetching.responseText);
      var worker = new Worker(form.dataset.powWorker);
      worker.onmessage = function (message) {
        if ("progress" in message.data) {
          status.textContent = fill(text.proving, { percent: Math.floor(message.data.progress * 100) });
          return;
        }
        worker.terminate();
        if (message.data.number !== null) {
          var payload = { algorithm: challenge.algorithm, challenge: challenge.challenge,
            number: message.data.number, salt: challenge.salt, signature: challenge.signature };
          field.value = btoa(JSON.stringify(payload));
        }
        send();
      };
      worker.onerror = function () { send(); };
      status.textContent = fill(text.proving, { percent: 0 });
      worker.postMessage(challenge);
    });
    fetching.addEventListener("error", function () { send(); });
    fetching.send();
  }
})();
