// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Filter-as-you-type: <input data-filter="#target"> hides [data-filter-item] whose text
  // does not contain every typed word, and hides empty [data-filter-group]s. Words and text
  // are compared without case, accents, spaces or punctuation, so "ekinerja" finds
  // "e-Kinerja" (the same rule as sisp.views.portal.fold on the server).
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]/g, "");
  }
  function applyFilter(input) {
    var target = document.querySelector(input.getAttribute("data-filter"));
    if (!target) return;
    var empty = document.querySelector(input.getAttribute("data-filter-empty"));
    var words = input.value.trim().split(/\s+/).map(fold).filter(Boolean);
    var shown = 0;
    target.querySelectorAll("[data-filter-item]").forEach(function (item) {
      var text = fold(item.getAttribute("data-filter-text") || item.textContent);
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      item.classList.toggle("is-hidden", !match);
      if (match) shown++;
    });
    target.querySelectorAll("[data-filter-group]").forEach(function (group) {
      group.classList.toggle("is-hidden", !group.querySelector("[data-filter-item]:not(.is-hidden)"));
    });
    if (empty) empty.classList.toggle("is-hidden", shown !== 0);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-filter]").forEach(function (input) {
      input.addEventListener("input", function () { applyFilter(input); });
    });
  });
  // Content swapped in by htmx (e.g. the links after a favourite) keeps the typed filter.
  document.addEventListener("htmx:afterSwap", function () {
    document.querySelectorAll("input[data-filter]").forEach(applyFilter);
  });
  // Confirm destructive buttons: <button data-confirm="...">.
  document.addEventListener("submit", function (e) {
    var btn = e.submitter;
    if (btn && btn.dataset.confirm && !window.confirm(btn.dataset.confirm)) e.preventDefault();
  });
})();
