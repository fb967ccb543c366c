// Progressive enhancement only: every feature works without this file.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  function announce(text) {
    var status = document.querySelector(".share__status");
    if (status) { status.textContent = text; }
  }
  // Show controls that need JavaScript (copy, native share, print) once we know it runs.
  function enhance(root) {
    root.querySelectorAll(".js-only[hidden]").forEach(function (el) {
      var needsShare = el.matches("[data-share]") || el.querySelector("[data-share]");
      if (needsShare && !navigator.share) { return; }
      el.hidden = false;
    });
  }
  function closeDetails(except) {
    document.querySelectorAll("details.lang-switch[open]").forEach(function (el) {
      if (el !== except) { el.open = false; }
    });
  }
  // Filter panels (details.filter-panel with an id, e.g. the directory's): open on wide screens,
  // and keep the visitor's choice when htmx swaps the panel for fresh counts.
  var panelState = {};
  var wide = window.matchMedia ? window.matchMedia("(min-width: 60rem)") : null;
  function restorePanels(root) {
    root.querySelectorAll("details.filter-panel[id]").forEach(function (panel) {
      if (Object.prototype.hasOwnProperty.call(panelState, panel.id)) {
        panel.open = panelState[panel.id];
      } else if (wide && wide.matches) {
        panel.open = true;
      }
    });
  }
  // The rich-text editor is large, so it is loaded only where a form has a rich-text field.
  function loadRichText() {
    var field = document.querySelector("textarea[data-richtext-scripts]");
    if (!field) { return; }
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = field.getAttribute("data-richtext-styles");
    document.head.appendChild(css);
    var sources = field.getAttribute("data-richtext-scripts").split(" ");
    (function next() {
      var src = sources.shift();
      if (!src) { return; }
      var script = document.createElement("script");
      script.src = src;
      script.onload = next;
      document.head.appendChild(script);
    })();
  }
  ready(function () {
    enhance(document);
    loadRichText();
    restorePanels(document);
    document.addEventListener("toggle", function (event) {
      var panel = event.target;
      if (panel.matches && panel.matches("details.filter-panel[id]")) { panelState[panel.id] = panel.open; }
    }, true);
    document.addEventListener("click", function (event) {
      closeDetails(event.target.closest("details.lang-switch"));
      var copy = event.target.closest("[data-copy]");
      if (copy) {
        var field = document.querySelector(copy.getAttribute("data-copy"));
        if (!field) { return; }
        field.select();
        var done = function () { announce(copy.getAttribute("data-copied")); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done, function () {});
        } else if (document.execCommand && document.execCommand("copy")) {
          done();
        }
        return;
      }
      var share = event.target.closest("[data-share]");
      if (share && navigator.share) {
        navigator.share({ title: share.getAttribute("data-title") || document.title, url: window.location.href }).catch(function () {});
        return;
      }
      if (event.target.closest("[data-print]")) { window.print(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var open = document.querySelector("details.lang-switch[open]");
      if (open) { open.open = false; open.querySelector("summary").focus(); }
    });
    // Move focus to main content after a skip-link jump in browsers that keep it on the link.
    var skip = document.querySelector(".skip-link");
    if (skip) {
      skip.addEventListener("click", function () {
        var main = document.getElementById("inhalt");
        if (main) { main.focus(); }
      });
    }
    document.body.addEventListener("htmx:afterSwap", function (event) {
      enhance(event.target);
      restorePanels(event.target.parentNode || document);
    });
  });
})();
