// Material's search worker with two additions for Swedish.
// 1. Material adds a trailing wildcard to every term it sends to lunr, and lunr does not run
//    the stemmer on wildcard terms, so "föreningar*" never matches the stemmed "förening" in
//    the index. Each wildcard term is therefore also searched in its stemmed form.
// 2. Swedish names are compounds: "Vuxenskolan", "Brottsofferjouren", "Friluftsfrämjandet".
//    A word of four letters or more is also looked for inside words ("*skol*"), at a lower
//    boost, so words that begin with it rank first.
// 3. A word typed without å, ä, ö or é finds the words that have them ("bohuslan" finds
//    "Bohuslän"), and a word of five letters or more with one letter wrong, missing or extra
//    still finds the word ("frivillgcentrum"). The index's own words are folded (å, ä → a,
//    ö → o, é → e) once, on the first query; a typed word is folded and looked up among them,
//    and each index word found is searched as it is, at a lower boost than an exact match.
// overrides/main.html points Material at this file and names the original worker in ?worker=.
// A worker that is not built on lunr (Zensical's) runs as it is, without the additions.
(function () {
  "use strict";
  var original = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(original)) {
    throw new Error("okide-search: unexpected worker name " + original);
  }
  importScripts(original);
  var lunr = self.lunr;
  if (!lunr || !lunr.Index || !lunr.Query) return;
  var query = lunr.Index.prototype.query;
  var REQUIRED = lunr.Query.presence.REQUIRED;
  var INSIDE_MIN_LENGTH = 4;
  var INSIDE_BOOST = 0.25;
  var FOLDED_BOOST = 0.8;
  var FUZZY_MIN_LENGTH = 5;
  var FUZZY_BOOST = 0.2;
  var MAX_EXPANSIONS = 30;  // index words added for one typed word, at most
  var NONE = lunr.Query.wildcard.NONE;

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  // The index's words by their folded form, and a token set of the folded forms; built once.
  function foldedVocabulary(index) {
    if (index.okideFolded) return index.okideFolded;
    var byFolded = Object.create(null);
    Object.keys(index.invertedIndex).forEach(function (word) {
      var folded = fold(word);
      (byFolded[folded] = byFolded[folded] || []).push(word);
    });
    var folded = Object.keys(byFolded).sort();
    index.okideFolded = { words: byFolded, tokens: lunr.TokenSet.fromArray(folded) };
    return index.okideFolded;
  }

  // The index words whose folded form matches the token set `wanted`, apart from `skip`.
  function lookUp(vocabulary, wanted, skip) {
    var found = [];
    vocabulary.tokens.intersect(wanted).toArray().sort().some(function (folded) {
      vocabulary.words[folded].forEach(function (word) {
        if (!skip(word) && found.indexOf(word) === -1) found.push(word);
      });
      return found.length >= MAX_EXPANSIONS;
    });
    return found.slice(0, MAX_EXPANSIONS);
  }
  lunr.Index.prototype.query = function (build) {
    var pipeline = this.pipeline;
    var index = this;
    var searched = [];
    var results = query.call(this, function (q) {
      build.call(q, q);
      var added = [];
      q.clauses.forEach(function (clause) {
        if (clause.usePipeline || !/^[^*]+\*$/.test(clause.term)) return;
        var base = clause.term.slice(0, -1);
        var stem = pipeline.runString(base, { fields: clause.fields })[0];
        if (!stem) return;  // a stop word
        if (stem !== base) {
          added.push(Object.assign({}, clause, { term: stem + "*" }));
        }
        // Only for optional terms: a required one must still begin a word.
        var inside = stem.length >= INSIDE_MIN_LENGTH && clause.presence !== REQUIRED;
        if (inside) {
          added.push(Object.assign({}, clause, {
            term: "*" + stem + "*", boost: (clause.boost || 1) * INSIDE_BOOST
          }));
        }
        // Words that differ only in diacritics, then words one edit away, each searched
        // exactly; the words the typed term already finds by itself are left out.
        var also = [];
        if (clause.presence !== REQUIRED) {
          var vocabulary = foldedVocabulary(index);
          var typed = fold(stem);
          var begins = function (word) { return word.indexOf(stem) === 0; };
          lookUp(vocabulary, lunr.TokenSet.fromString(typed + "*"), begins).forEach(function (word) {
            also.push(word);
            added.push(Object.assign({}, clause, {
              term: word, wildcard: NONE, usePipeline: false,
              boost: (clause.boost || 1) * FOLDED_BOOST
            }));
          });
          if (typed.length >= FUZZY_MIN_LENGTH) {
            var near = lunr.TokenSet.fromFuzzyString(typed, 1);
            lookUp(vocabulary, near, function (word) {
              return begins(word) || also.indexOf(word) !== -1;
            }).forEach(function (word) {
              also.push(word);
              added.push(Object.assign({}, clause, {
                term: word, wildcard: NONE, usePipeline: false,
                boost: (clause.boost || 1) * FUZZY_BOOST
              }));
            });
          }
        }
        searched.push({ term: base, stem: stem, inside: inside, also: also });
      });
      added.forEach(function (clause) { q.clauses.push(clause); });
    });
    // Material lists a query term as missing ("Saknas: skolan") unless a matched word begins
    // with it. A term found through its stem, inside a word, without diacritics or with a
    // typo is marked as found, with an
    // empty entry that adds nothing to the highlighting.
    results.forEach(function (result) {
      var metadata = result.matchData.metadata;
      var words = Object.keys(metadata);
      searched.forEach(function (term) {
        if (term.term in metadata) return;
        var found = words.some(function (word) {
          var at = word.indexOf(term.stem);
          return (term.inside ? at !== -1 : at === 0) || term.also.indexOf(word) !== -1;
        });
        if (found) metadata[term.term] = {};
      });
    });
    return results;
  };
})();
