// The live-reload script of serve's preview (served at _portal/live.js).
// It shows the problem, if there is one, at once, then follows the events:
// it reloads when the site changed (also while it was away: the hello of a
// new connection names the version served now), refreshes stylesheets on
// "css", and shows a problem as text (never as markup) over the page.
(function (cfg) {
  var version = cfg.version, box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.id = "portal-problem";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5em;" +
        "background:#1d1f21;color:#f8f8f2;font:15px/1.6 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "预览暂停更新：网站有以下问题，改正后页面会自动刷新。\nThe preview updates by itself once this is fixed:\n\n" + text;
  }
  if (cfg.error) show(cfg.error);
  var events = new EventSource(cfg.events);
  function data(e) { return JSON.parse(e.data); }
  events.addEventListener("hello", function (e) {
    var d = data(e);
    if (d.version !== version) location.reload();
    else if (d.error) show(d.error);
  });
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("css", function (e) {
    version = data(e).version;
    document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
      var u = new URL(link.href);
      u.searchParams.set("v", version);
      link.href = u.href;
    });
  });
  events.addEventListener("error", function (e) { if (e.data) show(data(e).error); });
})(document.currentScript.dataset);
