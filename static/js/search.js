// Search and filters of the suggestions, in the browser; loaded only by the
// search page. The index is written by the build (see
// generator/internal/render/search.go). A query is split at spaces; every
// part must occur in a suggestion. Candidates come from the character
// bigrams of the text, then each candidate is checked for the exact parts,
// so a query of two or more characters finds every suggestion that contains
// it, with no word segmentation. Single characters are checked in every
// suggestion. Title hits come first. Filters combine with the query and
// with each other; each value shows how many results choosing it gives.
// The query and the texts are compared folded (see canon): Simplified and
// Traditional forms, full-width and half-width forms and capitals are one,
// so both pages find the same suggestions for any query.
// The state lives in the URL query: ?q=停车&year=2019&category=…
// Every text shown comes from the page (data-* attributes), so the
// Traditional page speaks Traditional.
(function () {
  'use strict';
  var app = document.getElementById('search-app');
  if (!app || !window.fetch || !window.URLSearchParams || !window.Map) return;

  var PAGE = 50; // results shown at first, and added by "show more"
  var say = app.dataset;
  var form = app.querySelector('form');
  var input = form.elements.q;
  var facetList = app.querySelector('.facet-list');
  var status = document.getElementById('search-status');
  var list = app.querySelector('.results');
  var more = app.querySelector('.results-more button');
  var scriptSwitch = document.querySelector('.tools a[hreflang]');

  var facets = [], docs = [], hay = [], titles = [], grams = new Map(), selects = [], fold = {};
  var current = [], terms = [], shown = PAGE, timer = 0, composing = false;

  app.hidden = false;
  status.textContent = say.loading;

  fetch(say.index)
    .then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    })
    .then(start)
    .catch(function () {
      status.textContent = say.failed;
    });

  // canon folds a text or a query to the form the search compares, as the
  // build's search.Fold does: ASCII and full-width capitals to small
  // letters, full-width letters, digits and punctuation to ASCII, the
  // ideographic space to a space, and every Simplified or Traditional form
  // of a character to one (裡, 裏, 里 → 里), through the index's table.
  // Each character stays one character of the same length, so an offset in
  // the folded text is the same in the text as shown.
  function canon(s) {
    return s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[^\x00-\x40\x5b-\x7f]/g, function (c) {
      var k = c.charCodeAt(0);
      if (k >= 0xff01 && k <= 0xff5e) k -= 0xfee0;
      if (k >= 0x41 && k <= 0x5a) return String.fromCharCode(k + 32);
      if (k < 0x80) return String.fromCharCode(k);
      if (k === 0x3000) return ' ';
      return fold[c] || c;
    });
  }

  function start(index) {
    facets = index.facets;
    docs = index.docs;
    fold = index.fold || {};
    docs.forEach(function (d, i) {
      var f = d.f;
      // Number, title, deputies, category, outcome, lead unit, co-units, text.
      var h = canon([d.n, d.t, d.d, facets[1].values[f[1]].label, facets[2].values[f[2]].label,
        facets[3].values[f[3]].label, d.u, d.x].join('\n'));
      hay.push(h);
      titles.push(canon(d.t));
      for (var j = 0; j + 1 < h.length; j++) {
        var g = h.substr(j, 2);
        if (/\s/.test(g)) continue;
        var ids = grams.get(g);
        if (!ids) grams.set(g, (ids = []));
        if (ids[ids.length - 1] !== i) ids.push(i);
      }
    });
    facets.forEach(function (f, n) {
      var id = 'facet-' + f.name;
      var box = document.createElement('div');
      box.className = 'facet';
      var label = document.createElement('label');
      label.htmlFor = id;
      label.textContent = f.label;
      var select = document.createElement('select');
      select.id = id;
      select.name = f.name;
      select.appendChild(new Option(say.all, ''));
      f.values.forEach(function (v, i) {
        select.appendChild(new Option(v.label, String(i)));
      });
      select.addEventListener('change', function () { update(true); });
      box.appendChild(label);
      box.appendChild(select);
      facetList.appendChild(box);
      selects[n] = select;
    });
    // While an input method composes (pinyin: t, ti, … tingche), the
    // letters are not the query yet: no search, no URL, no announcement
    // until the characters are committed.
    input.addEventListener('compositionstart', function () {
      composing = true;
      clearTimeout(timer);
    });
    input.addEventListener('compositionend', function () {
      composing = false;
      typed();
    });
    input.addEventListener('input', function (e) {
      if (!composing && !e.isComposing) typed();
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      if (!composing) update(true);
    });
    form.addEventListener('reset', function () {
      setTimeout(function () { update(true); }, 0);
    });
    more.addEventListener('click', function () {
      shown += PAGE;
      render();
    });
    window.addEventListener('popstate', function () {
      readURL();
      run();
      linkOtherScript(location.search);
    });
    readURL();
    run();
    linkOtherScript(location.search);
  }

  // readURL sets the form from the URL query.
  function readURL() {
    var q = new URLSearchParams(location.search);
    input.value = q.get('q') || '';
    facets.forEach(function (f, n) {
      var want = q.get(f.name), at = '';
      f.values.forEach(function (v, i) { if (v.id === want) at = String(i); });
      selects[n].value = at;
    });
  }

  // typed searches as the resident types, a moment after the last key.
  // Keystrokes are not steps of the history: the URL stays until the query
  // is submitted, so Back goes to the previous submitted query.
  function typed() {
    clearTimeout(timer);
    timer = setTimeout(function () { update(false); }, 150);
  }

  // update searches again; a deliberate step (a filter, Enter) records the
  // state in the URL as a new history entry.
  function update(step) {
    run();
    var q = new URLSearchParams();
    if (input.value.trim()) q.set('q', input.value.trim());
    facets.forEach(function (f, n) {
      if (selects[n].value !== '') q.set(f.name, f.values[+selects[n].value].id);
    });
    var search = q.toString() ? '?' + q.toString() : '';
    linkOtherScript(search);
    if (step && search !== location.search) history.pushState(null, '', location.pathname + search);
  }

  // The switch to the other script keeps the query and the filters.
  function linkOtherScript(search) {
    if (scriptSwitch) scriptSwitch.href = scriptSwitch.href.split('?')[0] + search;
  }

  // matches gives the suggestions that contain every term, in index order.
  function matches(terms) {
    var candidates = null;
    terms.forEach(function (t) {
      for (var j = 0; j + 1 < t.length; j++) {
        var ids = grams.get(t.substr(j, 2)) || [];
        if (!candidates || ids.length < candidates.length) candidates = ids;
      }
    });
    var out = [];
    var n = candidates ? candidates.length : docs.length;
    for (var k = 0; k < n; k++) {
      var i = candidates ? candidates[k] : k;
      var h = hay[i], ok = true;
      for (var m = 0; m < terms.length && ok; m++) ok = h.indexOf(terms[m]) >= 0;
      if (ok) out.push(i);
    }
    return out;
  }

  function run() {
    terms = canon(input.value).split(/\s+/).filter(Boolean);
    var found = matches(terms);
    var chosen = selects.map(function (s) { return s.value === '' ? -1 : +s.value; });
    // Counts per facet value: what choosing it would give, with the query
    // and the other facets' choices.
    var counts = facets.map(function (f) { return f.values.map(function () { return 0; }); });
    var totals = facets.map(function () { return 0; });
    current = [];
    found.forEach(function (i) {
      var f = docs[i].f, miss = -1, misses = 0;
      for (var n = 0; n < chosen.length; n++) {
        if (chosen[n] >= 0 && f[n] !== chosen[n]) {
          misses++;
          miss = n;
        }
      }
      if (misses === 0) {
        current.push(i);
        for (var m = 0; m < f.length; m++) {
          counts[m][f[m]]++;
          totals[m]++;
        }
      } else if (misses === 1) {
        counts[miss][f[miss]]++;
        totals[miss]++;
      }
    });
    selects.forEach(function (s, n) {
      s.options[0].textContent = say.all + '（' + totals[n] + '）';
      facets[n].values.forEach(function (v, i) {
        s.options[i + 1].textContent = v.label + '（' + counts[n][i] + '）';
      });
    });
    if (terms.length) {
      // Title hits first; otherwise the list order (newest year first).
      var inTitle = [], rest = [];
      current.forEach(function (i) {
        (terms.every(function (t) { return titles[i].indexOf(t) >= 0; }) ? inTitle : rest).push(i);
      });
      current = inTitle.concat(rest);
    }
    shown = PAGE;
    var filtered = chosen.some(function (c) { return c >= 0; });
    status.textContent = !current.length ? say.none
      : (terms.length || filtered ? say.found : say.foundAll).replace('{n}', current.length);
    status.dataset.query = input.value; // for the tests: this query is done
    render();
  }

  function render() {
    list.textContent = '';
    current.slice(0, shown).forEach(function (i) { list.appendChild(result(docs[i])); });
    more.hidden = current.length <= shown;
  }

  function result(d) {
    var li = document.createElement('li');
    var h = document.createElement('h2');
    h.className = 'result-title';
    var a = document.createElement('a');
    a.href = say.pages + 'suggestions/' + d.n + '/';
    mark(a, d.t);
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement('p');
    meta.className = 'result-meta';
    var f = d.f;
    mark(meta, [d.n, facets[0].values[f[0]].label, facets[1].values[f[1]].label, facets[3].values[f[3]].label,
      facets[2].values[f[2]].label, d.d].join(' · '));
    li.appendChild(meta);
    var hits = document.createElement('p');
    hits.className = 'result-fields';
    var deputies = d.d.split('、');
    [[say.fieldLead, deputies[0]], [say.fieldSeconds, deputies.slice(1).join('、')],
      [say.fieldUnit, facets[3].values[f[3]].label], [say.fieldCo, d.u],
      [say.fieldCategory, facets[1].values[f[1]].label], [say.fieldOutcome, facets[2].values[f[2]].label]
    ].forEach(function (field) {
      var low = canon(field[1]);
      if (!field[1] || !terms.some(function (t) { return low.indexOf(t) >= 0; })) return;
      var span = document.createElement('span');
      span.appendChild(document.createTextNode(field[0] + '：'));
      mark(span, field[1]);
      if (hits.firstChild) hits.appendChild(document.createTextNode('；'));
      hits.appendChild(span);
    });
    if (hits.firstChild) li.appendChild(hits);
    var p = document.createElement('p');
    p.className = 'result-passage';
    mark(p, passage(d.x));
    li.appendChild(p);
    return li;
  }

  // passage is the part of the text around the first term found in it.
  function passage(x) {
    var low = canon(x), at = -1, len = 0;
    terms.forEach(function (t) {
      var i = low.indexOf(t);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
        len = t.length;
      }
    });
    if (at < 0) return x.length > 100 ? x.slice(0, 100) + '……' : x;
    var from = Math.max(0, at - 40), to = Math.min(x.length, at + len + 80);
    return (from > 0 ? '……' : '') + x.slice(from, to) + (to < x.length ? '……' : '');
  }

  // mark fills el with s, each occurrence of a term in <mark>.
  function mark(el, s) {
    var low = canon(s), pos = 0;
    while (terms.length) {
      var at = -1, len = 0;
      terms.forEach(function (t) {
        var i = low.indexOf(t, pos);
        if (i >= 0 && (at < 0 || i < at || (i === at && t.length > len))) {
          at = i;
          len = t.length;
        }
      });
      if (at < 0) break;
      el.appendChild(document.createTextNode(s.slice(pos, at)));
      var m = document.createElement('mark');
      m.textContent = s.slice(at, at + len);
      el.appendChild(m);
      pos = at + len;
    }
    el.appendChild(document.createTextNode(s.slice(pos)));
  }
})();
