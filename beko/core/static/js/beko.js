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
  function enhance(root) {
    root.querySelectorAll(".js-only[hidden]").forEach(function (el) {
      if (el.hasAttribute("data-share") && !navigator.share) { return; }
      if (el.hasAttribute("data-copy") && !(navigator.clipboard && window.isSecureContext)) {
        // Without the async clipboard API the read-only field is selected instead.
      }
      el.hidden = false;
    });
  }
  ready(function () {
    enhance(document);
    document.addEventListener("click", function (event) {
      var copy = event.target.closest("[data-copy]");
      if (copy) {
        var field = document.querySelector(copy.getAttribute("data-copy"));
        if (!field) { return; }
        field.select();
        var done = function () { announce(copy.getAttribute("data-copied")); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done);
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
      var print = event.target.closest("[data-print]");
      if (print) { event.preventDefault(); window.print(); }
    });
    // Move focus to main content after a skip-link jump in browsers that keep it on the link.
    var skip = document.querySelector(".skip-link");
    if (skip) {
      skip.addEventListener("click", function () {
        var main = document.getElementById("inhalt");
        if (main) { main.focus(); }
      });
    }
    document.body.addEventListener("htmx:afterSwap", function (event) { enhance(event.target); });
  });
})();
