// Pages that outlive their build: the site is rebuilt every night so that a stordialog that has
// ended moves from "Kommande" to "Tidigare", but if the rebuild stops (GitHub pauses a scheduled
// workflow), a page would go on offering registration for a meeting that is over. This script
// (progressive enhancement) corrects the page on the visitor's clock, from attributes the
// templates write (okide/templates/_macros.md.j2, dialogues.md.j2, index.md.j2):
//
//   data-okide-until="<ISO instant>"     hidden once the instant has passed
//   data-okide-from="<ISO instant>"      hidden until then, shown once it has passed
//   data-okide-upcoming="<end>"          a coming dialogue on /stordialoger/: once it has ended
//                                        it moves to the top of [data-okide-past]
//   data-okide-next="<end>"              a candidate for the start page's "Nästa stordialog":
//                                        the first one that has not ended is shown
//   data-okide-none                      "Ingen stordialog är planerad just nu", shown when
//                                        no coming dialogue is left
//   data-okide-heading="<level>"         a hidden paragraph that becomes a heading when shown
//                                        (hidden headings would be listed in the contents)
//
// Instants carry their UTC offset and are compared as instants. Nothing is announced: the page
// simply reads as a page built today would. Without JavaScript it stays as it was built.
(function () {
  "use strict";

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function passed(element, attribute, now) {
    var moment = Date.parse(element.getAttribute(attribute));
    return !isNaN(moment) && moment <= now;
  }

  // A paragraph marked data-okide-heading becomes a heading of that level, with its content.
  function asHeading(paragraph) {
    var level = Number(paragraph.getAttribute("data-okide-heading"));
    if (!(level >= 2 && level <= 6)) return paragraph;
    var heading = document.createElement("h" + level);
    while (paragraph.firstChild) heading.appendChild(paragraph.firstChild);
    Array.prototype.forEach.call(paragraph.attributes, function (attribute) {
      if (attribute.name !== "data-okide-heading") {
        heading.setAttribute(attribute.name, attribute.value);
      }
    });
    paragraph.parentNode.replaceChild(heading, paragraph);
    return heading;
  }

  function show(element) {
    element.hidden = false;
    var inside = Array.prototype.slice.call(element.querySelectorAll("[data-okide-heading]"));
    inside.forEach(asHeading);
    return element.hasAttribute("data-okide-heading") ? asHeading(element) : element;
  }

  function showNone() {
    var none = document.querySelector("[data-okide-none]");
    if (none && none.hidden) show(none);
  }

  function applyInstants(now) {
    all("[data-okide-until]").forEach(function (element) {
      if (passed(element, "data-okide-until", now)) element.hidden = true;
    });
    all("[data-okide-from][hidden]").forEach(function (element) {
      if (passed(element, "data-okide-from", now)) show(element);
    });
  }

  // /stordialoger/: the latest to end goes on top, as the earlier ones are ordered.
  function moveEnded(now) {
    var upcoming = all("[data-okide-upcoming]");
    var ended = upcoming.filter(function (block) {
      return passed(block, "data-okide-upcoming", now);
    });
    var past = document.querySelector("[data-okide-past]");
    if (!ended.length || !past) return;
    if (past.hidden) past = show(past);
    ended.forEach(function (block) {
      block.removeAttribute("data-okide-upcoming");
      past.parentNode.insertBefore(block, past.nextSibling);
    });
    if (ended.length === upcoming.length) showNone();
  }

  // The start page: the first candidate that has not ended, or the text that none is planned.
  function showNext(now) {
    var candidates = all("[data-okide-next]");
    if (!candidates.length) return;
    var next = null;
    candidates.forEach(function (candidate) {
      if (!next && !passed(candidate, "data-okide-next", now)) next = candidate;
      else candidate.hidden = true;
    });
    if (next && next.hidden) show(next);
    if (!next) showNone();
  }

  function init() {
    var now = Date.now();
    applyInstants(now);
    moveEnded(now);
    showNext(now);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
