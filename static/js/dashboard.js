// The dashboard's charts, drawn from the same figures as the tables beside them (chart-data).
// Without JavaScript, or if Chart.js fails to load, the tables are the whole page.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof window.Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var colours = ["#1d70b8", "#8a1538", "#00703c", "#f47738", "#4c2c92", "#505a5f", "#d4351c", "#0b0c0c"];
  var common = { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } };

  function draw(name, config) {
    var canvas = document.querySelector('canvas[data-chart="' + name + '"]');
    if (!canvas) return;
    canvas.hidden = false;
    new window.Chart(canvas, config);
  }

  draw("status", {
    type: "bar",
    data: { labels: data.status.labels, datasets: [{ label: canvasLabel("status"), data: data.status.values, backgroundColor: colours[0] }] },
    options: Object.assign({}, common, { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } })
  });
  draw("per_day", {
    type: "line",
    data: {
      labels: data.per_day.labels,
      datasets: data.per_day.series.map(function (series, index) {
        return { label: series.label, data: series.values, borderColor: colours[index], backgroundColor: colours[index], pointRadius: 2 };
      })
    },
    options: Object.assign({}, common, { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } })
  });

  function canvasLabel(name) {
    return document.querySelector('canvas[data-chart="' + name + '"]').getAttribute("aria-label");
  }
})();
