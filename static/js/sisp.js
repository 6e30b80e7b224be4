// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Filter-as-you-type: <input data-filter="#target"> hides [data-filter-item] whose text
  // does not contain every typed word, and hides empty [data-filter-group]s.
  function setupFilter(input) {
    var target = document.querySelector(input.getAttribute("data-filter"));
    if (!target) return;
    var empty = document.querySelector(input.getAttribute("data-filter-empty"));
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
      var shown = 0;
      target.querySelectorAll("[data-filter-item]").forEach(function (item) {
        var text = (item.getAttribute("data-filter-text") || item.textContent).toLowerCase();
        var match = words.every(function (w) { return text.indexOf(w) !== -1; });
        item.classList.toggle("is-hidden", !match);
        if (match) shown++;
      });
      target.querySelectorAll("[data-filter-group]").forEach(function (group) {
        group.classList.toggle("is-hidden", !group.querySelector("[data-filter-item]:not(.is-hidden)"));
      });
      if (empty) empty.classList.toggle("is-hidden", shown !== 0);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-filter]").forEach(setupFilter);
  });
  // Confirm destructive buttons: <button data-confirm="...">.
  document.addEventListener("submit", function (e) {
    var btn = e.submitter;
    if (btn && btn.dataset.confirm && !window.confirm(btn.dataset.confirm)) e.preventDefault();
  });
})();
