// On wide screens the filter panel sits beside the results, open; on a phone it stays folded
// behind its "Filter" button above the results. Without JavaScript it is a plain <details>.
(function () {
  var wide = window.matchMedia("(min-width: 48rem)");
  function apply() {
    document.querySelectorAll("details.filter-panel").forEach(function (panel) {
      if (wide.matches) { panel.open = true; }
    });
  }
  apply();
  wide.addEventListener("change", apply);
})();
