// Search and filters of the suggestions, in the browser; loaded only by the
// search page. The index is written by the build in parts (see
// generator/internal/render/search.go and generator/internal/search), and
// a query loads only the parts it needs:
//   - the manifest (index.json): the filters, the fold table, and how many
//     files the keys' lists are spread over (a list's file is a hash of
//     its name, so no directory is needed at any size);
//   - for each word of the query, the lists of the character pairs that
//     cover it (停车: 停车; 加装电梯: 加装 and 电梯): the suggestions holding
//     each, whether their title does, and the positions, so a word is
//     found exactly without the texts: it is at p when each pair is at p
//     plus its offset. A word of one character or one pair needs no
//     position. A common pair's positions come by block of suggestions,
//     loaded only for the blocks where every key of the query occurs,
//     so the first results show after the first such block, and the rest
//     are counted as they arrive, which the status says;
//   - the facet table of each block with results, for the filters and the
//     counts beside each value;
//   - the record of each result shown (its title, fields and text, for the
//     passage and the highlights), in files of m.records suggestions.
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

  var m = null, manifestURL = '', shared = '', fold = {}, facets = [];
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
  // it and their offsets in it (as the build's search.Cover: from the
  // start, a run of four ASCII characters where there is one, else a
  // pair, and the last key ending at the word's end). A word of one
  // character or one pair is found from its key's list alone; a longer
  // one from the positions.
  function words(ts) {
    return ts.map(function (t) {
      var r = Array.from(t), keys = [];
      if (r.length === 1) return { keys: [{ key: t, off: 0 }] };
      var ascii = function (o) {
        return o >= 0 && o + 4 <= r.length && r.slice(o, o + 4).every(function (c) { return c.charCodeAt(0) < 0x80; });
      };
      var add = function (o, n) { keys.push({ key: r.slice(o, o + n).join(''), off: o }); };
      for (var o = 0; o < r.length;) {
        if (ascii(o)) {
          add(o, 4);
          o += 4;
        } else if (o + 2 <= r.length) {
          add(o, 2);
          o += 2;
        } else {
          if (ascii(r.length - 4)) add(r.length - 4, 4);
          else add(r.length - 2, 2);
          o = r.length;
        }
      }
      return { keys: keys };
    });
  }

  // entry gives the list or entry named name from its file (see
  // search.ShardOf: FNV-1a of the name's UTF-16 code units): '' when the
  // file has none, null when the file fails to load.
  function entry(name) {
    var h = 0x811c9dc5;
    for (var i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
    return get(shared + 'p/' + (h % m.shards) + '.json').then(function (f) {
      return (f.k && f.k[name]) || '';
    }, function () { return null; });
  }

  // positions decodes count suggestions' positions: for each, their
  // number and the differences between them.
  function positions(nums, count) {
    var out = [], i = 0;
    for (var d = 0; d < count; d++) {
      var c = nums[i++], ps = [], p = 0;
      for (var j = 0; j < c; j++) ps.push(p += nums[i++]);
      out.push(ps);
    }
    return out;
  }

  // keyList gives key's list, decoded: its suggestions in order, whether
  // their title holds the key, and for a pair their positions, or for a big
  // pair (marked *) none yet: they come by block (piece), and the most
  // times one suggestion of each block holds it (most). null when its
  // file fails to load.
  function keyList(key) {
    if (lists.has(key)) return Promise.resolve(lists.get(key));
    return entry(key).then(function (v) {
      if (v === null) return null;
      var big = v.charAt(0) === '*';
      if (big) v = v.slice(1);
      var dot = v.indexOf('.'), docs = [], title = [], doc = -1;
      numbers(dot < 0 ? v : v.slice(0, dot)).forEach(function (x) {
        doc += Math.floor(x / 2);
        docs.push(doc);
        title.push(x % 2);
      });
      var l = { docs: docs, title: title, pos: [], big: big, pieces: {}, most: {} };
      if (big) {
        var counts = dot < 0 ? [] : numbers(v.slice(dot + 1)), c = 0;
        docs.forEach(function (d, i) {
          var b = Math.floor(d / m.block);
          if ((i === 0 || Math.floor(docs[i - 1] / m.block) !== b) && c < counts.length) l.most[b] = counts[c++];
        });
      } else if (dot >= 0) l.pos = positions(numbers(v.slice(dot + 1)), docs.length);
      lists.set(key, l);
      return l;
    });
  }

  // lower gives the first index of sorted at or after v.
  function lower(sorted, v) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // piece loads a big pair's positions for block b; false when it fails.
  function piece(key, l, b) {
    if (!l.pieces[b]) {
      l.pieces[b] = entry(key + ' ' + b).then(function (v) {
        if (v === null) {
          delete l.pieces[b];
          return false;
        }
        var lo = lower(l.docs, b * m.block), hi = lower(l.docs, (b + 1) * m.block);
        positions(numbers(v), hi - lo).forEach(function (ps, i) { l.pos[lo + i] = ps; });
        return true;
      });
    }
    return l.pieces[b];
  }

  // hit tells whether word w (its keys' lists ls) is in doc: 0 not, 1 yes,
  // 2 in the title.
  function hit(w, ls, doc) {
    var at = [];
    for (var j = 0; j < ls.length; j++) {
      var k = lower(ls[j].docs, doc);
      if (ls[j].docs[k] !== doc) return 0;
      if (ls.length === 1) return ls[0].title[k] ? 2 : 1;
      at.push(ls[j].pos[k]);
    }
    var best = 0;
    at[0].forEach(function (p) {
      for (var j = 1; j < ls.length; j++) {
        var q = p + w.keys[j].off;
        if (at[j][lower(at[j], q)] !== q) return;
      }
      best = Math.max(best, p < m.span ? 2 : 1);
    });
    return best;
  }

  // intersect gives the values of both sorted lists.
  function intersect(a, b) {
    var out = [];
    for (var i = 0, j = 0; i < a.length && j < b.length;) {
      if (a[i] < b[j]) i++;
      else if (a[i] > b[j]) j++;
      else {
        out.push(a[i]);
        i++;
        j++;
      }
    }
    return out;
  }

  // enough tells whether block b may hold every word of the plan as often
  // as it holds its keys: a word that holds a big pair k times is not in a
  // block where no suggestion holds the pair k times, and the block's
  // positions need not be loaded.
  function enough(plan, ls, b) {
    return plan.every(function (w, i) {
      if (ls[i].length < 2) return true;
      var need = {};
      w.keys.forEach(function (k) { need[k.key] = (need[k.key] || 0) + 1; });
      return ls[i].every(function (l, j) {
        return !l.big || !(b in l.most) || l.most[b] >= need[w.keys[j].key];
      });
    });
  }

  // candidates gives the suggestions holding every key of the plan (ls:
  // each word's lists), grouped by block: [[block, docs], …] in order,
  // without the blocks that cannot hold the words (enough).
  function candidates(plan, ls) {
    var docs = null, all = [];
    ls.forEach(function (wl) { all = all.concat(wl); });
    all.sort(function (a, b) { return a.docs.length - b.docs.length; });
    if (!plan.length) {
      docs = [];
      for (var d = 0; d < m.n; d++) docs.push(d);
    }
    all.forEach(function (l) { docs = docs ? intersect(docs, l.docs) : l.docs; });
    var out = [];
    docs.forEach(function (d) {
      var b = Math.floor(d / m.block);
      if (!out.length || out[out.length - 1][0] !== b) out.push([b, []]);
      out[out.length - 1][1].push(d);
    });
    return out.filter(function (c) { return enough(plan, ls, c[0]); });
  }

  // load loads the positions of block b that the plan needs: those of the
  // big pairs of its words of more than one pair. false where they failed.
  function load(plan, ls, b) {
    var wait = [];
    plan.forEach(function (w, i) {
      if (ls[i].length < 2) return;
      ls[i].forEach(function (l, j) { if (l.big) wait.push(piece(w.keys[j].key, l, b)); });
    });
    return Promise.all(wait).then(function (ok) { return ok.every(Boolean); });
  }

  // block finds the results among the candidates docs of block b:
  // [title hits, others], or null where positions failed to load.
  function block(plan, ls, b, docs) {
    return load(plan, ls, b).then(function (ok) {
      if (!ok) return null;
      var title = [], rest = [];
      docs.forEach(function (doc) {
        var inTitle = plan.length > 0;
        for (var i = 0; i < plan.length; i++) {
          var h = hit(plan[i], ls[i], doc);
          if (!h) return;
          inTitle = inTitle && h === 2;
        }
        (inTitle ? title : rest).push(doc);
      });
      return { title: title, rest: rest };
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

  // run searches for the form's state: the lists of the query's keys, the
  // suggestions holding all of them, then block by block those that hold
  // the words (from the positions), shown as soon as a page of them is
  // known, then the counts of every filter value over all of them.
  function run() {
    var id = ++runs;
    terms = canon(input.value).split(/\s+/).filter(Boolean);
    var plan = words(terms);
    var chosen = selects.map(function (s) { return s.value === '' ? -1 : +s.value; });
    var filtered = chosen.some(function (c) { return c >= 0; });
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
    if (!m.n) {
      current = [];
      finish(id, [], [], failed, []);
      return;
    }
    Promise.all(plan.map(function (w) {
      return Promise.all(w.keys.map(function (k) { return keyList(k.key); }));
    })).then(function (ls) {
      if (id !== runs) return;
      if (ls.some(function (wl) { return wl.some(function (l) { return !l; }); })) {
        failed = true;
        ls = [];
      }
      var cands = failed ? [] : candidates(plan, ls);
      var step = function (c) {
        if (id !== runs || c >= cands.length) return Promise.resolve();
        if (rendered && c + 1 < cands.length) load(plan, ls, cands[c + 1][0]); // the next block's positions, meanwhile
        var b = cands[c][0];
        return block(plan, ls, b, cands[c][1]).then(function (found) {
          if (!found) {
            failed = true;
            found = { title: [], rest: [] };
          }
          var need = filtered && (found.title.length || found.rest.length);
          return (need ? table(b) : Promise.resolve(null)).then(function (t) {
            if (need && !t) failed = true;
            tables[b] = t;
            Array.prototype.push.apply(title, found.title);
            Array.prototype.push.apply(rest, found.rest);
            if (id !== runs) return;
            if (!rendered) {
              if (c + 1 < cands.length) status.textContent = say.counting.replace('{n}', title.length + rest.length);
              return show(false);
            }
          }).then(function () { return step(c + 1); });
        });
      };
      return step(0);
    }).then(function () {
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
      var url = new URL('r/' + Math.floor(doc / m.block) + '/' + Math.floor(doc / m.records) + '.json', manifestURL).href;
      return get(url).then(function (rs) { return rs[doc % m.records] || null; }, function () { return null; });
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
      facets[2].values[f[2]].label, ''].join(' · '));
    var deputies = d.d.split('、');
    // Each deputy's name links to the deputy's page.
    deputies.forEach(function (name, i) {
      if (i) meta.appendChild(document.createTextNode('、'));
      var da = document.createElement('a');
      da.href = say.pages + 'deputies/' + d.p[i] + '/';
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
