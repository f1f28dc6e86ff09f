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
    // Printed links show their full address (see @media print in site.css).
    window.addEventListener('beforeprint', function () {
      var links = document.querySelectorAll('a[href]');
      for (var i = 0; i < links.length; i++) links[i].setAttribute('data-print-url', links[i].href);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
  else wire();
})();
