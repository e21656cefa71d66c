/* The evidence viewer on the case page, when JavaScript runs: a screenshot opens large in the
 * page, with zoom (buttons, or + and - keys) and the text read from it beside it; a similar
 * screenshot of another report opens beside it to compare. Without JavaScript each thumbnail
 * still links to the image itself. */
(function () {
  "use strict";
  var viewer = document.getElementById("viewer");
  if (!viewer || typeof viewer.showModal !== "function") return;
  var main = document.getElementById("viewer-main");
  var other = document.getElementById("viewer-other");
  var text = document.getElementById("viewer-text");
  var zoomShown = document.getElementById("viewer-zoom");
  var zoom = 1;
  var STEPS = [0.5, 0.75, 1, 1.5, 2, 3, 4];

  function apply() {
    [main, other].forEach(function (pane) {
      var image = pane.querySelector("img");
      image.classList.toggle("viewer__image--fit", zoom === 1);
      image.style.width = zoom === 1 ? "" : Math.round(image.naturalWidth * zoom) + "px";
    });
    zoomShown.textContent = zoom === 1 ? viewer.dataset.fit || "100%" : Math.round(zoom * 100) + "%";
  }
  function show(pane, src, title) {
    var image = pane.querySelector("img");
    image.alt = title;
    image.src = src;
    pane.querySelector("figcaption").textContent = title;
    pane.hidden = false;
    image.onload = apply;
  }
  function open(link, compare) {
    zoom = 1;
    document.getElementById("viewer-title").textContent = link.dataset.title;
    show(main, link.href, link.dataset.title);
    other.hidden = !compare;
    if (compare) show(other, compare.dataset.compareSrc, compare.dataset.compareTitle);
    var read = document.getElementById("ocr-" + link.dataset.view);
    text.hidden = !!compare || !read;
    text.querySelector("pre").textContent = read ? read.textContent : "";
    viewer.classList.toggle("viewer--compare", !!compare);
    viewer.showModal();
  }
  document.querySelectorAll("a[data-view]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return; // a new tab, as asked
      event.preventDefault();
      open(link, null);
    });
  });
  document.querySelectorAll("button[data-compare]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      open(document.querySelector('a[data-view="' + button.dataset.compare + '"]'), button);
    });
  });
  function step(direction) {
    var index = STEPS.indexOf(zoom);
    zoom = STEPS[Math.max(0, Math.min(STEPS.length - 1, index + direction))];
    apply();
  }
  viewer.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.hasAttribute("data-close")) viewer.close();
    else if (button.dataset.zoom === "in") step(1);
    else if (button.dataset.zoom === "out") step(-1);
    else if (button.dataset.zoom === "fit") { zoom = 1; apply(); }
  });
  viewer.addEventListener("keydown", function (event) {
    if (event.key === "+" || event.key === "=") step(1);
    else if (event.key === "-") step(-1);
  });
})();
