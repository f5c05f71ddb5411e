// Register filters: progressive enhancement of the party tables on /parter/ and
// /tidigare-parter/ and of the actions on /samverkansplan/. Without JavaScript everything is
// shown. With it, a form above them filters the rows of every table marked data-okide-filter
// by name, organisation form and focus area, and the items ([data-okide-item]) of every other
// element so marked by their text and status (data-okide-status). The placeholder's data
// attributes say which fields the form has. The state is kept in the URL (?namn=&form=&omrade=, not ?q=, which Material's
// search would take as a search query) so a filtered view can be shared, and a polite live
// region announces the number of matches once typing pauses. When a table marked
// data-okide-elsewhere has no match, its message links to the same filter on that page.
(function () {
  "use strict";

  var ANNOUNCE_DELAY = 400;
  // The parts of the address the filters read: /om-data/ documents each of them.
  var PARAMS = { name: "namn", text: "text", form: "form", area: "omrade", status: "status" };

  function normalise(value) {
    return (value || "").toLocaleLowerCase("sv").replace(/[\s\-‐–—]+/g, " ").trim();
  }

  // The name filter forgives missing diacritics: "bohuslan" finds "Bohuslän". Both the names
  // and the typed words are folded (å, ä → a, ö → o, é → e), as the site search does.
  function fold(value) {
    return value.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function cellText(row, index) {
    var cell = index >= 0 ? row.cells[index] : null;
    return cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function element(tag, properties) {
    var node = document.createElement(tag);
    Object.keys(properties || {}).forEach(function (key) { node[key] = properties[key]; });
    return node;
  }

  function field(id, labelText, control) {
    var wrapper = element("div", { className: "okide-filter__field" });
    control.id = id;
    wrapper.appendChild(element("label", { htmlFor: id, textContent: labelText }));
    wrapper.appendChild(control);
    return wrapper;
  }

  function select(options, allLabel) {
    var control = element("select");
    control.appendChild(element("option", { value: "", textContent: allLabel }));
    options.forEach(function (pair) {
      control.appendChild(element("option", { value: pair[0], textContent: pair[1] }));
    });
    return control;
  }

  function columnIndex(table, name) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    for (var i = 0; i < headers.length; i += 1) {
      if (headers[i].getAttribute("data-okide-column") === name) return i;
    }
    return -1;
  }

  // An item that is not a table row (an action of the plan): its whole text, its status, and
  // the links to its heading in the tables of contents (the sidebar's and the menu's), hidden
  // with it.
  function describeItem(item) {
    var heading = item.querySelector("[id]");
    var links = heading ? document.querySelectorAll(
      '.md-nav a[href="#' + window.CSS.escape(heading.id) + '"]') : [];
    return {
      row: item,
      name: fold(normalise(item.textContent)),
      form: "",
      areas: [],
      status: item.getAttribute("data-okide-status") || "",
      toc: Array.prototype.map.call(links, function (link) { return link.closest("li"); })
    };
  }

  // Each row's name, form and areas are read once, so filtering 1,000 rows is a loop over
  // strings, not over the DOM.
  function describeTable(table, areaIds) {
    if (table.tagName !== "TABLE") {
      return describeGroup(table, Array.prototype.map.call(
        table.querySelectorAll("[data-okide-item]"), describeItem));
    }
    var nameAt = columnIndex(table, "name");
    var formAt = columnIndex(table, "form");
    var areasAt = columnIndex(table, "areas");
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      var areas = cellText(row, areasAt);
      return {
        row: row,
        name: fold(normalise(cellText(row, nameAt))),
        form: cellText(row, formAt),
        // Area titles may contain ", " themselves: look each known title up as a whole item.
        areas: areaIds.filter(function (pair) {
          return (", " + areas + ", ").indexOf(", " + pair[1] + ", ") !== -1;
        }).map(function (pair) { return pair[0]; }),
        status: "",
        toc: []
      };
    });
    return describeGroup(table, rows);
  }

  function describeGroup(table, rows) {
    var region = table.closest(".okide-table-scroll") || table;
    var empty = element("p", {
      className: "okide-filter__empty",
      textContent: table.getAttribute("data-okide-empty") || "Ingen part matchar filtret.",
      hidden: true
    });
    var elsewhere = null;
    if (table.getAttribute("data-okide-elsewhere")) {
      elsewhere = element("a", { textContent: table.getAttribute("data-okide-elsewhere-text") });
      empty.appendChild(document.createTextNode(" "));
      empty.appendChild(elsewhere);
      empty.appendChild(document.createTextNode("."));
    }
    region.parentNode.insertBefore(empty, region.nextSibling);
    return {
      rows: rows,
      region: region,
      empty: empty,
      elsewhere: elsewhere,
      elsewhereBase: table.getAttribute("data-okide-elsewhere"),
      noun: table.getAttribute("data-okide-filter") || "parter"
    };
  }

  function setUp(placeholder) {
    if (placeholder.dataset.ready) return;
    var tables = Array.prototype.slice.call(document.querySelectorAll("[data-okide-filter]"));
    if (!tables.length) return;
    placeholder.dataset.ready = "1";
    var forms = JSON.parse(placeholder.dataset.forms || "[]");
    var statuses = JSON.parse(placeholder.dataset.statuses || "[]");
    // The register's text field matches names (namn=), the plan's the whole text (text=).
    var textParam = PARAMS[placeholder.dataset.textParam] || PARAMS.name;
    var areaTitles = JSON.parse(placeholder.dataset.areaTitles || "[]");
    var areas = JSON.parse(placeholder.dataset.areas || "[]").map(function (id, index) {
      return [id, areaTitles[index] || id];
    });
    var groups = tables.map(function (table) { return describeTable(table, areas); });

    var form = element("form", { className: "okide-filter" });
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", placeholder.dataset.label || "Filtrera parter");
    var query = element("input", { type: "search", autocomplete: "off", spellcheck: false });
    var formSelect = select(forms.map(function (f) { return [f, f]; }), "Alla former");
    var areaSelect = select(areas, "Alla fokusområden");
    var statusSelect = select(statuses.map(function (s) {
      return [s, s.charAt(0).toLocaleUpperCase("sv") + s.slice(1)];
    }), "Alla statusar");
    var reset = element("button", { type: "button", className: "md-button okide-filter__reset",
                                     textContent: "Visa alla" });
    form.appendChild(field("okide-filter-name", placeholder.dataset.textLabel || "Namn innehåller",
                           query));
    // A field only where the page offers its choices (the plan has statuses, not forms).
    if ("forms" in placeholder.dataset) {
      form.appendChild(field("okide-filter-form", "Organisationsform", formSelect));
    }
    if ("areas" in placeholder.dataset) {
      form.appendChild(field("okide-filter-area", "Fokusområde", areaSelect));
    }
    if (statuses.length) form.appendChild(field("okide-filter-status", "Status", statusSelect));
    form.appendChild(reset);
    var status = element("p", { className: "okide-filter__status" });
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var params = new URLSearchParams(window.location.search);
    query.value = params.get(textParam) || "";
    statusSelect.value = statuses.indexOf(params.get(PARAMS.status)) !== -1
      ? params.get(PARAMS.status) : "";
    formSelect.value = forms.indexOf(params.get(PARAMS.form)) !== -1 ? params.get(PARAMS.form) : "";
    areaSelect.value = areas.some(function (pair) { return pair[0] === params.get(PARAMS.area); })
      ? params.get(PARAMS.area) : "";

    function matches(entry, words) {
      if (formSelect.value && entry.form !== formSelect.value) return false;
      if (areaSelect.value && entry.areas.indexOf(areaSelect.value) === -1) return false;
      if (statusSelect.value && entry.status !== statusSelect.value) return false;
      return words.every(function (word) { return entry.name.indexOf(word) !== -1; });
    }

    function summary() {
      return "Visar " + groups.map(function (group) {
        return group.shown + " av " + group.rows.length + " " + group.noun;
      }).join(" och ") + ".";
    }

    // The address of `base` (relative to this page) with the filter's state in its query.
    function withState(base) {
      var url = new URL(base, window.location.href);
      [[textParam, query.value.trim()], [PARAMS.form, formSelect.value],
       [PARAMS.area, areaSelect.value], [PARAMS.status, statusSelect.value]
      ].forEach(function (pair) {
        if (pair[1]) url.searchParams.set(pair[0], pair[1]);
        else url.searchParams.delete(pair[0]);
      });
      return url.href;
    }

    function filter() {
      var words = fold(normalise(query.value)).split(" ").filter(Boolean);
      groups.forEach(function (group) {
        group.shown = 0;
        group.rows.forEach(function (entry) {
          var show = matches(entry, words);
          if (entry.row.hidden === show) entry.row.hidden = !show;
          entry.toc.forEach(function (item) { item.hidden = !show; });
          if (show) group.shown += 1;
        });
        group.region.hidden = group.shown === 0;
        group.empty.hidden = group.shown !== 0;
        if (group.elsewhere && group.shown === 0) {
          group.elsewhere.href = withState(group.elsewhereBase);
        }
      });
      reset.hidden = !words.length && !formSelect.value && !areaSelect.value
        && !statusSelect.value;
    }

    function remember() {
      var url = withState(window.location.href);
      if (url !== window.location.href) window.history.replaceState(null, "", url);
    }

    // The table follows every keystroke; the live region speaks once typing pauses, so a
    // screen reader says the number once instead of after every letter.
    var timer = null;
    function update() {
      filter();
      remember();
      clearTimeout(timer);
      timer = setTimeout(function () { status.textContent = summary(); }, ANNOUNCE_DELAY);
    }
    query.addEventListener("input", update);
    formSelect.addEventListener("change", update);
    areaSelect.addEventListener("change", update);
    statusSelect.addEventListener("change", update);
    reset.addEventListener("click", function () {
      query.value = "";
      formSelect.value = "";
      areaSelect.value = "";
      statusSelect.value = "";
      update();
      query.focus();
    });

    // The state from the URL is applied before the form is shown; the first count is written
    // before the live region joins the page, so it is visible but not announced on load.
    filter();
    status.textContent = summary();
    placeholder.appendChild(form);
    placeholder.appendChild(status);
    placeholder.hidden = false;
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
