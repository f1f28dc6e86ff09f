// Search and filters of the suggestions, in the browser; loaded only by the
// search page. The index is written by the build in parts (see
// generator/internal/render/search.go and generator/internal/search), and
// a query loads only the parts it needs:
//   - the manifest (index.json): the filters, the fold table, and where
//     each key of the index is;
//   - for each word of the query, the lists of the character pairs that
//     cover it (停车: 停车; 加装电梯: 加装 and 电梯), with their positions,
//     so a word is found exactly without the texts: it is at p when each
//     pair is at p plus its offset. A word of one character has a list of
//     its own. A very common pair's list comes in blocks of suggestions,
//     so the first results show after the first block, and the rest are
//     counted as they arrive, which the status says;
//   - the facet table of each block with results, for the filters and the
//     counts beside each value;
//   - the record of each result shown (its title, fields and text, for the
//     passage and the highlights).
// A query is split at spaces; every word must occur. Title hits come first,
// then the others, each in list order (newest year first). The query and
// the texts are compared folded (see canon): Simplified and Traditional
// forms, full-width and half-width forms and capitals are one, so both
// pages find the same suggestions for any query.
// The state lives in the URL query: ?q=停车&year=2019&category=…
// Every text shown comes from the page (data-* attributes), so the
// Traditional page speaks Traditional.
(function () {
  'use strict';
  var app = document.getElementById('search-app');
  if (!app || !window.fetch || !window.URLSearchParams || !window.Map || !window.Promise || !Array.from) return;

  var PAGE = 20; // results shown at first, and added by "show more"
  var say = app.dataset;
  var form = app.querySelector('form');
  var input = form.elements.q;
  var facetList = app.querySelector('.facet-list');
  var status = document.getElementById('search-status');
  var list = app.querySelector('.results');
  var more = app.querySelector('.results-more button');
  var scriptSwitch = document.querySelector('.tools a[hreflang]');

  var m = null, manifestURL = '', shared = '', fold = {}, large = new Map(), facets = [];
  var digits = {}, rowWidth = 0, columns = [];
  var files = new Map(), lists = new Map(), records = new Map();
  var selects = [], timer = 0, composing = false, runs = 0;
  var terms = [], current = [], shown = PAGE;

  app.hidden = false;
  status.textContent = say.loading;
  manifestURL = new URL(say.index, location.href).href;
  get(manifestURL).then(start, function () {
    status.textContent = say.failed;
  });

  // get fetches a file of the index once.
  function get(url) {
    var p = files.get(url);
    if (!p) {
      p = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
        return r.json();
      });
      files.set(url, p);
      p.catch(function () { files.delete(url); });
    }
    return p;
  }

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

  // numbers decodes a list: five bits a character, the last of a number
  // from the first half of the alphabet.
  function numbers(s) {
    var out = [], n = 0;
    for (var i = 0; i < s.length; i++) {
      var d = digits[s.charAt(i)];
      if (d >= 32) n = n * 32 + d - 32;
      else {
        out.push(n * 32 + d);
        n = 0;
      }
    }
    return out;
  }

  function start(manifest) {
    m = manifest;
    fold = m.fold || {};
    shared = new URL(m.shared, manifestURL).href;
    facets = m.facets;
    for (var i = 0; i < m.alphabet.length; i++) digits[m.alphabet.charAt(i)] = i;
    m.large.forEach(function (k, j) { large.set(k, j); });
    m.widths.forEach(function (w) {
      columns.push(rowWidth);
      rowWidth += w;
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
      more.hidden = true;
      render(runs);
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

  // words plans the lookup of each word of the query: the keys that cover
  // it and their offsets in it.
  function words(ts) {
    return ts.map(function (t) {
      var r = Array.from(t), keys = [];
      if (r.length === 1) return { single: true, keys: [{ key: t, off: 0 }] };
      for (var o = 0; o + 1 < r.length; o += 2) keys.push({ key: r[o] + r[o + 1], off: o });
      var last = r.length - 2;
      if (keys[keys.length - 1].off !== last) keys.push({ key: r[last] + r[last + 1], off: last });
      return { single: false, keys: keys };
    });
  }

  // keyFile is the URL of the file holding key's list for block b.
  function keyFile(key, b) {
    if (large.has(key)) return shared + 'p/L' + large.get(key) + '-' + b + '.json';
    var lo = 0, hi = m.shards.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (m.shards[mid] > key) hi = mid;
      else lo = mid + 1;
    }
    return shared + 'p/' + lo + '.json';
  }

  // keyList gives key's list for block b, decoded: its suggestions in order
  // and, for each, its positions (a pair) or whether the title holds it
  // (a character). A file that fails to load gives null.
  function keyList(key, b, single) {
    var url = keyFile(key, b), id = url + '\n' + key;
    if (lists.has(id)) return Promise.resolve(lists.get(id));
    return get(url).then(function (f) {
      var nums = numbers((f.k && f.k[key]) || ''), doc = (f.p || 0) - 1, docs = [], pos = [];
      for (var i = 0; i < nums.length;) {
        if (single) {
          doc += nums[i] >> 1;
          docs.push(doc);
          pos.push(nums[i] & 1);
          i++;
          continue;
        }
        doc += nums[i];
        var count = nums[i + 1], ps = [], p = 0;
        for (var j = 0; j < count; j++) ps.push(p += nums[i + 2 + j]);
        docs.push(doc);
        pos.push(ps);
        i += 2 + count;
      }
      var l = { docs: docs, pos: pos };
      lists.set(id, l);
      return l;
    }, function () { return null; });
  }

  // find gives the index in l.docs of doc, or -1.
  function find(l, doc) {
    var lo = 0, hi = l.docs.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (l.docs[mid] < doc) lo = mid + 1;
      else hi = mid;
    }
    return lo < l.docs.length && l.docs[lo] === doc ? lo : -1;
  }

  function contains(sorted, v) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return sorted[lo] === v;
  }

  // matchWord gives, for the suggestions of [lo, hi) holding word w (with
  // its keys' lists ls), a map of each to whether its title holds w.
  function matchWord(w, ls, lo, hi) {
    var out = new Map(), first = ls[0];
    for (var i = 0; i < first.docs.length; i++) {
      var doc = first.docs[i];
      if (doc < lo || doc >= hi) continue;
      if (w.single) {
        out.set(doc, first.pos[i] === 1);
        continue;
      }
      var at = [];
      for (var j = 1; j < ls.length; j++) {
        var k = find(ls[j], doc);
        if (k < 0) break;
        at.push(ls[j].pos[k]);
      }
      if (at.length < ls.length - 1) continue;
      first.pos[i].forEach(function (p) {
        for (var j = 1; j < ls.length; j++) if (!contains(at[j - 1], p + w.keys[j].off)) return;
        out.set(doc, out.get(doc) || p < m.span);
      });
    }
    return out;
  }

  // block finds the results of block b: [title hits, others], or null
  // where a list failed to load.
  function block(plan, b) {
    var lo = b * m.block, hi = Math.min(m.n, lo + m.block);
    if (!plan.length) {
      var all = [];
      for (var d = lo; d < hi; d++) all.push(d);
      return Promise.resolve({ title: [], rest: all, failed: false });
    }
    return Promise.all(plan.map(function (w) {
      return Promise.all(w.keys.map(function (k) { return keyList(k.key, b, w.single); }));
    })).then(function (byWord) {
      var failed = byWord.some(function (ls) { return ls.some(function (l) { return !l; }); });
      if (failed) return { title: [], rest: [], failed: true };
      var sets = plan.map(function (w, i) { return matchWord(w, byWord[i], lo, hi); });
      sets.sort(function (a, b) { return a.size - b.size; });
      var title = [], rest = [];
      sets[0].forEach(function (inTitle, doc) {
        for (var i = 1; i < sets.length; i++) {
          if (!sets[i].has(doc)) return;
          inTitle = inTitle && sets[i].get(doc);
        }
        (inTitle ? title : rest).push(doc);
      });
      var order = function (a, b) { return a - b; };
      return { title: title.sort(order), rest: rest.sort(order), failed: false };
    });
  }

  // table gives the facet table of block b, or null if it fails to load.
  function table(b) {
    return get(shared + 'd/' + b + '.json').then(null, function () { return null; });
  }

  function value(t, doc, f) {
    var at = (doc % m.block) * rowWidth + columns[f], v = 0;
    for (var i = 0; i < m.widths[f]; i++) v = v * 64 + digits[t.charAt(at + i)];
    return v;
  }

  // run searches for the form's state: the results block by block, shown
  // as soon as a page of them is known, then the counts of every filter
  // value over all of them.
  function run() {
    var id = ++runs;
    terms = canon(input.value).split(/\s+/).filter(Boolean);
    var plan = words(terms);
    var chosen = selects.map(function (s) { return s.value === '' ? -1 : +s.value; });
    var filtered = chosen.some(function (c) { return c >= 0; });
    var blocks = Math.ceil(m.n / m.block);
    var title = [], rest = [], tables = [], failed = false, rendered = false;
    shown = PAGE;
    delete status.dataset.query;

    // keeps reports whether doc passes the chosen filters.
    var keeps = function (doc) {
      var t = tables[Math.floor(doc / m.block)];
      if (!filtered) return true;
      if (!t) return false;
      for (var n = 0; n < chosen.length; n++) if (chosen[n] >= 0 && value(t, doc, n) !== chosen[n]) return false;
      return true;
    };
    var show = function (final) {
      current = title.filter(keeps).concat(rest.filter(keeps));
      if (!final && current.length < PAGE) return Promise.resolve();
      rendered = true;
      return render(id);
    };
    var step = function (b) {
      if (id !== runs) return Promise.resolve();
      if (b >= blocks) return Promise.resolve();
      if (b + 1 < blocks) block(plan, b + 1); // fetch the next block meanwhile
      return block(plan, b).then(function (found) {
        failed = failed || found.failed;
        var need = filtered && (found.title.length || found.rest.length);
        return (need ? table(b) : Promise.resolve(null)).then(function (t) {
          if (need && !t) failed = true;
          tables[b] = t;
          Array.prototype.push.apply(title, found.title);
          Array.prototype.push.apply(rest, found.rest);
          if (id !== runs) return;
          if (!rendered) {
            if (b + 1 < blocks) status.textContent = say.counting.replace('{n}', title.length + rest.length);
            return show(false);
          }
        }).then(function () { return step(b + 1); });
      });
    };
    if (!m.n) {
      current = [];
      finish(id, [], [], failed, []);
      return;
    }
    step(0).then(function () {
      if (id !== runs) return;
      var before = current.slice(0, shown).join();
      current = title.filter(keeps).concat(rest.filter(keeps));
      var again = !rendered || current.slice(0, shown).join() !== before;
      // The counts need the facet table of every block with results.
      var all = title.concat(rest), wanted = {};
      all.forEach(function (d) { wanted[Math.floor(d / m.block)] = true; });
      status.textContent = say.counting.replace('{n}', current.length);
      return Promise.all(Object.keys(wanted).map(function (b) {
        return tables[b] ? tables[b] : table(+b).then(function (t) { tables[b] = t; if (!t) failed = true; });
      })).then(function () {
        if (id !== runs) return;
        return (again ? render(id) : Promise.resolve()).then(function () { finish(id, all, chosen, failed, tables); });
      });
    });
  }

  // finish shows the counts beside every filter value and the status.
  function finish(id, all, chosen, failed, tables) {
    if (id !== runs) return;
    // Counts per facet value: what choosing it would give, with the query
    // and the other facets' choices.
    var counts = facets.map(function (f) { return f.values.map(function () { return 0; }); });
    var totals = facets.map(function () { return 0; });
    all.forEach(function (doc) {
      var t = tables[Math.floor(doc / m.block)];
      if (!t) return;
      var miss = -1, misses = 0, f = [];
      for (var n = 0; n < facets.length; n++) {
        f.push(value(t, doc, n));
        if (chosen[n] >= 0 && f[n] !== chosen[n]) {
          misses++;
          miss = n;
        }
      }
      if (misses === 0) {
        for (var k = 0; k < f.length; k++) {
          counts[k][f[k]]++;
          totals[k]++;
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
    var filtered = chosen.some && chosen.some(function (c) { return c >= 0; });
    var text = !current.length ? say.none
      : (terms.length || filtered ? say.found : say.foundAll).replace('{n}', current.length);
    if (failed) text += say.partial;
    status.textContent = text;
    status.dataset.query = input.value; // for the tests: this query is done
  }

  // render shows the first results, each filled in from its record.
  function render(id) {
    var docs = current.slice(0, shown);
    list.setAttribute('aria-busy', 'true');
    return Promise.all(docs.map(function (doc) {
      var url = new URL('r/' + Math.floor(doc / m.block) + '/' + doc + '.json', manifestURL).href;
      return get(url).then(null, function () { return null; });
    })).then(function (recs) {
      if (id !== runs) return;
      list.textContent = '';
      recs.forEach(function (d, i) {
        list.appendChild(d ? result(d) : missing(docs[i]));
      });
      more.hidden = current.length <= shown;
      list.setAttribute('aria-busy', 'false');
    });
  }

  function missing() {
    var li = document.createElement('li');
    li.textContent = say.recordFailed;
    return li;
  }

  // setHref points a link at url and gives it the readable full address
  // that a printed page shows after it (see prefs.js and @media print):
  // a result drawn after the page loaded has missed prefs.js's pass.
  function setHref(a, url) {
    a.href = url;
    var full = a.href;
    try { full = decodeURI(full); } catch (e) { /* not UTF-8: keep it encoded */ }
    a.setAttribute('data-print-url', full);
  }

  function result(d) {
    var li = document.createElement('li');
    var h = document.createElement('h2');
    h.className = 'result-title';
    var a = document.createElement('a');
    setHref(a, say.pages + 'suggestions/' + d.n + '/');
    mark(a, d.t);
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement('p');
    meta.className = 'result-meta';
    var f = d.f;
    mark(meta, [d.n, facets[0].values[f[0]].label, facets[1].values[f[1]].label, facets[3].values[f[3]].label,
      facets[2].values[f[2]].label, ''].join(' · '));
    var deputies = d.d.split('、');
    // Each deputy's name links to the deputy's page.
    deputies.forEach(function (name, i) {
      if (i) meta.appendChild(document.createTextNode('、'));
      var da = document.createElement('a');
      setHref(da, say.pages + 'deputies/' + d.p[i] + '/');
      mark(da, name);
      meta.appendChild(da);
    });
    li.appendChild(meta);
    var hits = document.createElement('p');
    hits.className = 'result-fields';
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
