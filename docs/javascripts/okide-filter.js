// Register filters: progressive enhancement of the party table on /parter/.
// Without JavaScript the full table is shown. With it, a form above the table filters rows
// by name, organisation form and focus area; the state is kept in the URL (?q=&form=&omrade=)
// so a filtered view can be shared, and a live region announces the number of matches.
(function () {
  "use strict";

  function text(node) {
    return (node && node.textContent ? node.textContent : "").replace(/\s+/g, " ").trim();
  }

  function hasItem(list, item) {
    // Cells list areas as "A, B"; a title may itself contain ", ", so compare whole items.
    if (!item) return true;
    return list === item || list.indexOf(item + ", ") === 0 ||
      list.indexOf(", " + item + ", ") !== -1 ||
      list.slice(-(item.length + 2)) === ", " + item;
  }

  function field(id, labelText, control) {
    var wrapper = document.createElement("div");
    wrapper.className = "okide-filter__field";
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = labelText;
    control.id = id;
    wrapper.appendChild(label);
    wrapper.appendChild(control);
    return wrapper;
  }

  function select(options, allLabel) {
    var element = document.createElement("select");
    var all = document.createElement("option");
    all.value = "";
    all.textContent = allLabel;
    element.appendChild(all);
    options.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value;
      element.appendChild(option);
    });
    return element;
  }

  function setUp(placeholder) {
    if (placeholder.dataset.ready) return;
    var table = placeholder.nextElementSibling;
    while (table && table.tagName !== "TABLE") {
      table = table.querySelector ? table.querySelector("table") || table.nextElementSibling : null;
    }
    if (!table) return;
    placeholder.dataset.ready = "1";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var forms = JSON.parse(placeholder.dataset.forms || "[]");
    var areas = JSON.parse(placeholder.dataset.areas || "[]");

    var form = document.createElement("form");
    form.className = "okide-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filtrera parter");
    var query = document.createElement("input");
    query.type = "search";
    query.autocomplete = "off";
    var formSelect = select(forms, "Alla former");
    var areaSelect = select(areas, "Alla fokusområden");
    form.appendChild(field("okide-filter-q", "Namn innehåller", query));
    form.appendChild(field("okide-filter-form", "Organisationsform", formSelect));
    form.appendChild(field("okide-filter-area", "Fokusområde", areaSelect));
    var status = document.createElement("p");
    status.className = "okide-filter__status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    placeholder.appendChild(form);
    placeholder.appendChild(status);
    placeholder.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var params = new URLSearchParams(window.location.search);
    query.value = params.get("q") || "";
    formSelect.value = forms.indexOf(params.get("form")) !== -1 ? params.get("form") : "";
    areaSelect.value = areas.indexOf(params.get("omrade")) !== -1 ? params.get("omrade") : "";

    var timer = null;
    function apply() {
      var needle = query.value.trim().toLocaleLowerCase("sv");
      var shown = 0;
      rows.forEach(function (row) {
        var cells = row.cells;
        var match = text(cells[0]).toLocaleLowerCase("sv").indexOf(needle) !== -1 &&
          (!formSelect.value || text(cells[1]) === formSelect.value) &&
          hasItem(text(cells[3]), areaSelect.value);
        row.hidden = !match;
        if (match) shown += 1;
      });
      var url = new URL(window.location.href);
      [["q", query.value.trim()], ["form", formSelect.value], ["omrade", areaSelect.value]]
        .forEach(function (pair) {
          if (pair[1]) url.searchParams.set(pair[0], pair[1]);
          else url.searchParams.delete(pair[0]);
        });
      window.history.replaceState(null, "", url.toString());
      clearTimeout(timer);
      timer = setTimeout(function () {
        status.textContent = "Visar " + shown + " av " + rows.length + " parter.";
      }, 250);
    }
    query.addEventListener("input", apply);
    formSelect.addEventListener("change", apply);
    areaSelect.addEventListener("change", apply);
    apply();
  }

  function init() {
    var placeholder = document.getElementById("okide-filter");
    if (placeholder) setUp(placeholder);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
