// A gap in Material's accessibility, closed where the theme's markup is in the page.
//
// The menu button in the header (shown on narrow screens) is a <label> for a hidden checkbox:
// no keyboard focus, no name for a screen reader. It becomes a button: a name, a tab stop,
// Enter and Space, and aria-expanded telling whether the menu is open. Opening the menu moves
// focus to its first link; Escape closes it and puts focus back on the button.
//
// Without JavaScript the menu's links are still reached with Tab: the drawer slides in while
// it holds focus (okide.css). The search is okide's own form (partials/okide-sok-form.html),
// a plain form that needs none of this.
(function () {
  "use strict";

  function enhance(button) {
    var toggle = document.getElementById("__drawer");
    if (!toggle || button.hasAttribute("role")) return;
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", "Meny");
    button.setAttribute("aria-controls", "okide-drawer");
    var sync = function () {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    sync();
    toggle.addEventListener("change", sync);
    // Material also opens and closes the menu from its own code, without a change event.
    document.addEventListener("click", function () { window.setTimeout(sync, 0); });
    document.addEventListener("keyup", function () { window.setTimeout(sync, 0); });
    button.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();  // Material's own Enter handler would click a second time
      button.click();
      window.setTimeout(function () {
        sync();
        if (toggle.checked) {
          var first = document.querySelector(".md-sidebar--primary a[href]");
          if (first) first.focus();
        }
      }, 0);
    });
  }

  function closeDrawerOnEscape(event) {
    var drawer = document.getElementById("__drawer");
    var button = document.querySelector("label.md-header__button[for='__drawer']");
    var sidebar = document.querySelector(".md-sidebar--primary");
    if (event.key !== "Escape" || !drawer || !drawer.checked || !button || !sidebar) return;
    if (!sidebar.contains(document.activeElement)) return;
    drawer.checked = false;
    drawer.dispatchEvent(new Event("change"));
    button.focus();
  }

  var sidebar = document.querySelector(".md-sidebar--primary");
  if (sidebar && !sidebar.id) sidebar.id = "okide-drawer";
  document.querySelectorAll("label.md-header__button[for='__drawer']").forEach(enhance);
  document.addEventListener("keydown", closeDrawerOnEscape);
})();
