// Each indicator's monthly chart, drawn by uPlot from the table below it (the table stays for screen readers and
// when scripts or the chart library do not load). Suppressed months are gaps, never zeros.
(function () {
  'use strict';
  if (!window.uPlot) { return; }
  var palette = ['#0b3d6e', '#a4141b', '#1d6b2f', '#8a4b00', '#5b2a86', '#00676b', '#595959'];
  document.querySelectorAll('.plot[data-table]').forEach(function (holder) {
    var table = document.getElementById(holder.dataset.table);
    if (!table) { return; }
    var months = Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) { return cell.textContent; }).slice(1);
    var xs = months.map(function (_, i) { return i + 1; });
    var series = [{}];
    var data = [xs];
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row, i) {
      series.push({label: row.cells[0].textContent, stroke: palette[i % palette.length], width: 2, spanGaps: false});
      data.push(Array.prototype.slice.call(row.cells, 1).map(function (cell) {
        return cell.dataset.value === '' || cell.dataset.value === undefined ? null : Number(cell.dataset.value);
      }));
    });
    var width = Math.max(240, Math.min(holder.clientWidth || 600, 900));
    new uPlot({
      width: width, height: 220, series: series,
      scales: {x: {time: false}},
      axes: [{values: function (u, ticks) { return ticks.map(function (t) { return months[t - 1] || ''; }); }}, {}]
    }, data, holder);
  });
})();
