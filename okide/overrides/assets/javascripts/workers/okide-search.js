// Material's search worker with two additions for Swedish.
// 1. Material adds a trailing wildcard to every term it sends to lunr, and lunr does not run
//    the stemmer on wildcard terms, so "föreningar*" never matches the stemmed "förening" in
//    the index. Each wildcard term is therefore also searched in its stemmed form.
// 2. Swedish names are compounds: "Vuxenskolan", "Brottsofferjouren", "Friluftsfrämjandet".
//    A word of four letters or more is also looked for inside words ("*skol*"), at a lower
//    boost, so words that begin with it rank first.
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
  lunr.Index.prototype.query = function (build) {
    var pipeline = this.pipeline;
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
        searched.push({ term: base, stem: stem, inside: inside });
      });
      added.forEach(function (clause) { q.clauses.push(clause); });
    });
    // Material lists a query term as missing ("Saknas: skolan") unless a matched word begins
    // with it. A term found through its stem or inside a word is marked as found, with an
    // empty entry that adds nothing to the highlighting.
    results.forEach(function (result) {
      var metadata = result.matchData.metadata;
      var words = Object.keys(metadata);
      searched.forEach(function (term) {
        if (term.term in metadata) return;
        var found = words.some(function (word) {
          var at = word.indexOf(term.stem);
          return term.inside ? at !== -1 : at === 0;
        });
        if (found) metadata[term.term] = {};
      });
    });
    return results;
  };
})();
