// Material's search worker with one fix for languages with a stemmer (Swedish here).
// Material adds a trailing wildcard to every term it sends to lunr, and lunr does not run the
// stemmer on wildcard terms, so "föreningar*" never matches the stemmed "förening" in the
// index. Each wildcard term is therefore also searched in its stemmed form.
// overrides/main.html points Material at this file and names the original worker in ?worker=.
(function () {
  "use strict";
  var original = new URL(self.location.href).searchParams.get("worker") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(original)) {
    throw new Error("okide-search: unexpected worker name " + original);
  }
  importScripts(original);
  var lunr = self.lunr;
  var query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (build) {
    var pipeline = this.pipeline;
    return query.call(this, function (q) {
      build.call(q, q);
      var stemmed = [];
      q.clauses.forEach(function (clause) {
        if (clause.usePipeline || !/^[^*]+\*$/.test(clause.term)) return;
        var base = clause.term.slice(0, -1);
        var stem = pipeline.runString(base, { fields: clause.fields })[0];
        if (stem && stem !== base) {
          stemmed.push(Object.assign({}, clause, { term: stem + "*" }));
        }
      });
      stemmed.forEach(function (clause) { q.clauses.push(clause); });
    });
  };
})();
