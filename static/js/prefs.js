// Reading preferences on every page. Loaded in <head> without defer, so the
// 适老化 mode (larger text, high contrast) is applied before the page is
// drawn, with no flash. Also gives printed links their full address.
(function () {
  'use strict';
  var KEY = 'portal-elder';
  var root = document.documentElement;

  function stored() {
    try {
      return window.localStorage.getItem(KEY) === '1';
    } catch (e) {
      return false; // storage blocked: the mode lasts for this page only
    }
  }

  function apply(on) {
    root.classList.toggle('elder', on);
    var button = document.getElementById('elder-switch');
    if (button) button.setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  apply(stored());

  function wire() {
    var button = document.getElementById('elder-switch');
    if (button) {
      // The button works only with this script, so it is shown only now.
      button.hidden = false;
      apply(root.classList.contains('elder'));
      button.addEventListener('click', function () {
        var on = !root.classList.contains('elder');
        apply(on);
        try {
          window.localStorage.setItem(KEY, on ? '1' : '0');
        } catch (e) { /* not remembered; still applied */ }
      });
    }
    // details[data-open-wide] (the search page's 筛选) are open on wide
    // screens and closed on phones, where they would push the results
    // off the first screen.
    var wide = window.matchMedia ? window.matchMedia('(min-width: 40.0625em)') : null;
    var openWide = function () {
      var boxes = document.querySelectorAll('details[data-open-wide]');
      for (var k = 0; k < boxes.length; k++) boxes[k].open = !wide || wide.matches;
    };
    openWide();
    if (wide && wide.addEventListener) wide.addEventListener('change', openWide);
    // 打印本页 on articles: shown only now, since it needs this script.
    var prints = document.querySelectorAll('button[data-print]');
    for (var j = 0; j < prints.length; j++) {
      prints[j].hidden = false;
      prints[j].addEventListener('click', function () { window.print(); });
    }
    // Printed links show their full address (see @media print in site.css),
    // readable: 区住建局, not %E5%8C%BA…. Set now, on every link a script
    // adds later (search results), and again before printing.
    var printURL = function (a) {
      var url = a.href;
      try { url = decodeURI(url); } catch (e) { /* not UTF-8: keep it encoded */ }
      a.setAttribute('data-print-url', url);
    };
    var printURLs = function (root) {
      var links = root.querySelectorAll('a[href]');
      for (var i = 0; i < links.length; i++) printURL(links[i]);
    };
    printURLs(document);
    if (window.MutationObserver) {
      new MutationObserver(function (records) {
        for (var r = 0; r < records.length; r++) {
          var added = records[r].addedNodes;
          for (var n = 0; n < added.length; n++) {
            if (added[n].nodeType !== 1) continue;
            if (added[n].matches('a[href]')) printURL(added[n]);
            printURLs(added[n]);
          }
        }
      }).observe(document.body, { childList: true, subtree: true });
    }
    window.addEventListener('beforeprint', function () { printURLs(document); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
})();
