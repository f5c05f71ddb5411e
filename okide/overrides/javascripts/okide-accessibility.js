// Two gaps in Material's accessibility, closed where the theme's markup is in the page.
//
// 1. The number of search results ("5 sökresultat") is not announced to screen readers
//    (WCAG 4.1.3 Status Messages): it becomes a status region.
// 2. The menu and search buttons in the header (shown on narrow screens) are <label>s for
//    hidden checkboxes: no keyboard focus, no name for a screen reader. They become buttons:
//    a name, a tab stop, Enter and Space, and aria-expanded telling whether the menu or the
//    search is open. Opening the menu moves focus to its first link; Escape closes it and
//    puts focus back on the button, as it does for the search.
//
// Without JavaScript the menu's links are still reached with Tab: the drawer slides in while
// it holds focus (okide.css).
(function () {
  "use strict";

  var NAMES = { __drawer: "Meny", __search: "Sök" };

  function enhance(button) {
    var id = button.getAttribute("for");
    var toggle = document.getElementById(id);
    if (!toggle || !NAMES[id] || button.hasAttribute("role")) return;
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", NAMES[id]);
    button.setAttribute("aria-controls", id === "__drawer" ? "okide-drawer" : "okide-search");
    var sync = function () {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    sync();
    toggle.addEventListener("change", sync);
    // Material also opens and closes these from its own code, without a change event.
    document.addEventListener("click", function () { window.setTimeout(sync, 0); });
    document.addEventListener("keyup", function (event) {
      window.setTimeout(function () {
        sync();
        // Material closes the search on Escape and leaves focus nowhere: back to the button.
        var lost = !document.activeElement || document.activeElement === document.body;
        if (event.key === "Escape" && id === "__search" && !toggle.checked && lost &&
            button.offsetParent !== null) {
          button.focus();
        }
      }, 0);
    });
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();  // Material's own Enter handler would click a second time
      button.click();
      window.setTimeout(function () {
        sync();
        if (id === "__drawer" && toggle.checked) {
          var first = document.querySelector(".md-sidebar--primary a[href]");
          if (first) first.focus();
        }
      }, 0);
    });
  }

  function closeDrawerOnEscape(event) {
    var drawer = document.getElementById("__drawer");
    var button = document.querySelector("label.md-header__button[for='__drawer']");
    var meta = document.querySelector(".md-search-result__meta");
  if (meta) meta.setAttribute("role", "status");

  var sidebar = document.querySelector(".md-sidebar--primary");
    if (event.key !== "Escape" || !drawer || !drawer.checked || !button || !sidebar) return;
    if (!sidebar.contains(document.activeElement)) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change"));
    button.focus();
  }

  var sidebar = document.querySelector(".md-sidebar--primary");
  if (sidebar && !sidebar.id) sidebar.id = "okide-drawer";
  var search = document.querySelector(".md-search");
  if (search && !search.id) search.id = "okide-search";
  document.querySelectorAll("label.md-header__button[for]").forEach(enhance);
  document.addEventListener("keydown", closeDrawerOnEscape);
})();
