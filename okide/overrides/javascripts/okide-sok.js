// The search page (templates/sok.md.j2): okide's own interface to the pagefind index that the
// build writes beside the site (pagefind/), with okide's word list (sok/ord/) for what pagefind
// does not do: a letter wrong, missing or extra in a long word, and the last part of a closed
// compound ("främjandet" in "Studiefrämjandet").
//
// Results of the query as typed come first, in pagefind's order; then, below them, results that
// only a word from the list finds. Everything from the index (titles, excerpts, addresses) goes
// into the page as text nodes or attribute values, never as markup.
(function () {
  "use strict";

  var box = document.getElementById("okide-sok");
  // This script's own address gives the site's root on any page depth and any engine.
  var script = document.currentScript;
  if (!box || !script || !script.src) return;
  var ROOT = new URL("../", script.src).href;

  var form = box.querySelector("form");
  var field = document.getElementById("okide-sok-q");
  var status = document.getElementById("okide-sok-status");
  var hint = document.getElementById("okide-sok-tips");
  var list = document.getElementById("okide-sok-traffar");
  var more = document.getElementById("okide-sok-fler");
  if (!form || !field || !status || !hint || !list || !more) return;

  var WAIT = 250;            // ms after the last key before a search
  var MAX_WORDS = 30;        // words from the list searched per typed word
  var PAGE = 10;             // results shown at a time: each costs a download of its fragment
  var MAX_TERMS = 6;         // typed words looked up in the list
  var WORD = /[\p{L}\p{N}]+/gu;
  var MARKS = /[\u0300-\u036f]/g;

  function fold(word) {
    return word.normalize("NFD").replace(MARKS, "").normalize("NFC");
  }

  function words(text) {
    return (text.normalize("NFC").toLowerCase().match(WORD) || []);
  }

  // ---- pagefind and the word list, each loaded once, when first needed -----------------------
  var pagefind = null;
  function engine() {
    if (!pagefind) {
      pagefind = import(ROOT + "pagefind/pagefind.js").then(function (module) {
        return module.options({ baseUrl: new URL(ROOT).pathname }).then(function () {
          return module.init();
        }).then(function () { return module; });
      });
    }
    return pagefind;
  }

  var files = {};
  function json(name) {
    if (!files[name]) {
      files[name] = fetch(ROOT + "sok/ord/" + name).then(function (response) {
        if (!response.ok) throw new Error(name + ": " + response.status);
        return response.json();
      }).catch(function () { return {}; });
    }
    return files[name];
  }

  function endName(ending) {
    if (/^[a-z0-9]+$/.test(ending)) return ending;
    return Array.from(ending).map(function (c) {
      var hex = c.codePointAt(0).toString(16);
      return "u" + "0000".slice(hex.length) + hex;
    }).join("");
  }

  // Whether a and b (folded) differ by one letter changed, added or removed.
  function oneEdit(a, b) {
    if (a === b) return false;
    if (Math.abs(a.length - b.length) > 1) return false;
    if (a.length > b.length) { var t = a; a = b; b = t; }
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
    return a.slice(i) === b.slice(i + 1);
  }

  // The words of the site near a typed word, best first: the same word with other diacritics,
  // one letter off (words of five letters or more), compounds that end with it (four or more).
  function neighbours(typed) {
    var folded = fold(typed);
    var n = Array.from(folded).length;
    if (n < 2) return Promise.resolve([]);
    return json("index.json").then(function (index) {
      var lengths = (index.langd || []).map(String);
      var endings = (index.slut || []).map(String);
      var wanted = [];
      var sizes = n >= 5 ? [n, n - 1, n + 1] : [n];
      sizes.forEach(function (size) {
        if (lengths.indexOf(String(size)) >= 0) wanted.push(json("langd-" + size + ".json"));
        else wanted.push(Promise.resolve({}));
      });
      // index.json lists the endings that have a file; the file's name is safe for any ending.
      var last = Array.from(folded).slice(-2).join("");
      var ending = endName(last);
      var hasEnding = n >= 4 && endings.indexOf(last) >= 0;
      wanted.push(hasEnding ? json("slut-" + ending + ".json") : Promise.resolve({}));
      return Promise.all(wanted).then(function (maps) {
        var same = [], near = [], ends = [];
        var byLength = maps.slice(0, sizes.length);
        Object.keys(byLength[0]).forEach(function (key) {
          if (key === folded) same = same.concat(byLength[0][key]);
        });
        if (n >= 5) {
          byLength.forEach(function (map) {
            Object.keys(map).forEach(function (key) {
              if (oneEdit(folded, key)) near = near.concat(map[key]);
            });
          });
        }
        var endMap = maps[maps.length - 1];
        Object.keys(endMap).forEach(function (key) {
          if (key.length > folded.length && key.slice(-folded.length) === folded) {
            ends = ends.concat(endMap[key]);
          }
        });
        var seen = {};
        seen[typed] = true;
        return same.concat(near, ends).filter(function (word) {
          if (seen[word]) return false;
          seen[word] = true;
          return true;
        }).slice(0, MAX_WORDS);
      });
    });
  }

  // ---- searching ------------------------------------------------------------------------------
  var latest = 0;

  // Every result of the query, the exact ones first, each with the words it was found by.
  function find(query) {
    var typed = words(query);
    return engine().then(function (pf) {
      var exact = pf.search(query);
      var loose = Promise.all(typed.slice(0, MAX_TERMS).map(neighbours)).then(function (found) {
        var queries = [];
        found.forEach(function (list, i) {
          list.forEach(function (word) {
            var other = typed.slice();
            other[i] = word;
            queries.push({ text: other.join(" "), word: word });
          });
        });
        return Promise.all(queries.map(function (q) {
          return pf.search(q.text).then(function (answer) {
            return (answer && answer.results || []).map(function (r) {
              return { result: r, score: r.score, via: q.word };
            });
          });
        }));
      });
      return Promise.all([exact, loose]);
    }).then(function (answers) {
      var seen = {}, all = [];
      ((answers[0] && answers[0].results) || []).forEach(function (r) {
        if (seen[r.id]) return;
        seen[r.id] = true;
        all.push({ result: r, via: null });
      });
      var loose = [].concat.apply([], answers[1]);
      loose.sort(function (a, b) { return b.score - a.score; });
      loose.forEach(function (item) {
        if (seen[item.result.id]) return;
        seen[item.result.id] = true;
        all.push({ result: item.result, via: item.via });
      });
      return { typed: typed, items: all };
    });
  }

  // pagefind's excerpts come with &, <, > and quotes as entities: back to text.
  function decode(text) {
    return String(text).replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, function (all, name) {
      var named = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'" }[name.toLowerCase()];
      if (named) return named;
      var code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    });
  }

  // The excerpt as text, with the words the search matched in <mark>.
  function excerpt(text, typed, via) {
    var paragraph = document.createElement("p");
    var marks = typed.map(fold);
    if (via) marks.push(fold(via));
    var last = 0;
    text.replace(WORD, function (word, at) {
      var f = fold(word.toLowerCase());
      var hit = marks.some(function (m) {
        return f.slice(0, m.length) === m || (m.length >= 4 && f.slice(-m.length) === m);
      });
      if (!hit) return word;
      paragraph.appendChild(document.createTextNode(text.slice(last, at)));
      var mark = document.createElement("mark");
      mark.textContent = word;
      paragraph.appendChild(mark);
      last = at + word.length;
      return word;
    });
    paragraph.appendChild(document.createTextNode(text.slice(last)));
    return paragraph;
  }

  function item(data, typed, via) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    var url = new URL(data.url, location.href);
    link.href = url.origin === location.origin ? url.href : ROOT;
    link.textContent = (data.meta && data.meta.title) || url.pathname;
    li.appendChild(link);
    li.appendChild(excerpt(decode(data.plain_excerpt || ""), typed, via));
    if (via) {
      var note = document.createElement("p");
      note.className = "okide-sok__via";
      note.textContent = "Hittad genom ordet ”" + via + "”.";
      li.appendChild(note);
    }
    return li;
  }

  function say(text, empty) {
    status.textContent = text;
    hint.hidden = !empty;
  }

  // The results of the latest search, and how many of them are in the list.
  var current = null;

  // Adds the next PAGE results to the list (their fragments are downloaded now, not before).
  function append(ticket) {
    var found = current;
    var next = found.items.slice(found.shown, found.shown + PAGE);
    return Promise.all(next.map(function (x) { return x.result.data(); })).then(function (data) {
      if (ticket !== latest) return null;
      var items = data.map(function (d, i) { return item(d, found.typed, next[i].via); });
      items.forEach(function (li) { list.appendChild(li); });
      found.shown += next.length;
      var left = found.items.length - found.shown;
      more.hidden = left <= 0;
      more.textContent = "Visa fler träffar (" + left + " till)";
      return items[0] || null;
    });
  }

  function show(query) {
    var ticket = ++latest;
    query = query.trim();
    current = null;
    more.hidden = true;
    if (!query || !words(query).length) {
      list.replaceChildren();
      say("", false);
      return Promise.resolve();
    }
    return find(query).then(function (found) {
      if (ticket !== latest) return null;
      list.replaceChildren();
      current = { typed: found.typed, items: found.items, shown: 0 };
      return append(ticket).then(function () {
        if (ticket !== latest) return;
        var count = found.items.length;
        var quoted = "”" + query + "”";
        if (!count) say("Inga träffar för " + quoted + ".", true);
        else if (count === 1) say("1 träff för " + quoted + ".", false);
        else say(count + " träffar för " + quoted + "." +
          (count > PAGE ? " De " + PAGE + " första visas." : ""), false);
      });
    }).catch(function () {
      if (ticket !== latest) return;
      list.replaceChildren();
      more.hidden = true;
      say("Sökningen kunde inte laddas. Försök igen senare.", false);
    });
  }

  // "Visa fler träffar": the next results, and the keyboard's focus on the first of them, so
  // that a screen reader reads on from there.
  // A second click while the next results load is not a second page of the same results.
  more.addEventListener("click", function () {
    var found = current;
    if (!found || found.loading) return;
    found.loading = true;
    var ticket = latest;
    append(ticket).then(function (first) {
      found.loading = false;
      var link = first && first.querySelector("a");
      if (link) link.focus();
      else if (more.hidden) field.focus();
    }).catch(function () {
      found.loading = false;
      if (ticket !== latest) return;
      say("Fler träffar kunde inte laddas. Försök igen senare.", false);
    });
  });

  function remember(query) {
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url.href);
  }

  var timer = null;
  field.addEventListener("input", function () {
    window.clearTimeout(timer);
    latest++;  // an answer on its way is no longer wanted
    timer = window.setTimeout(function () {
      remember(field.value);
      show(field.value);
    }, WAIT);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    remember(field.value);
    show(field.value);
  });

  var start = new URLSearchParams(location.search).get("q") || "";
  field.value = start;
  if (start) show(start);
})();
