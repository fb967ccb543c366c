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
  // Relation picker (beko.core.widgets.IdPickerWidget): the text field of ids stays the form
  // value; a search box (ARIA combobox) asks the staff-only search for JSON and adds entries.
  function buildPicker(box) {
    var ids = box.querySelector("input");
    var chosen = box.querySelector(".picker__chosen");
    var labels = JSON.parse(box.getAttribute("data-picker-labels") || "{}");
    var lookup = box.querySelector(".picker__lookup");
    if (!ids || !chosen) { return; }
    var uid = ids.id + "-search";
    function current() {
      return ids.value.split(/[\s,]+/).filter(function (v) { return /^\d+$/.test(v); });
    }
    function setIds(list) { ids.value = list.join(", "); }
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    function addRemove(li) {
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "link-button picker__remove";
      remove.textContent = labels.remove;
      remove.setAttribute("aria-label", labels.remove + ": " + li.firstChild.textContent.trim());
      remove.addEventListener("click", function () {
        setIds(current().filter(function (v) { return v !== li.getAttribute("data-id"); }));
        status.textContent = labels.removed + ": " + li.firstChild.textContent.trim();
        li.remove();
        search.focus();
      });
      li.appendChild(document.createTextNode(" "));
      li.appendChild(remove);
    }
    chosen.querySelectorAll("li[data-id]").forEach(addRemove);
    var searchLabel = document.createElement("label");
    searchLabel.setAttribute("for", uid);
    searchLabel.textContent = labels.search;
    var search = document.createElement("input");
    search.type = "text";
    search.id = uid;
    search.autocomplete = "off";
    search.setAttribute("role", "combobox");
    search.setAttribute("aria-autocomplete", "list");
    search.setAttribute("aria-expanded", "false");
    search.setAttribute("aria-controls", uid + "-list");
    var list = document.createElement("ul");
    list.id = uid + "-list";
    list.className = "picker__results";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", labels.search);
    list.hidden = true;
    ids.type = "hidden";
    if (lookup) { lookup.hidden = true; }
    box.appendChild(searchLabel);
    box.appendChild(search);
    box.appendChild(list);
    box.appendChild(status);
    var active = -1, timer = null, results = [];
    function close() {
      list.hidden = true; list.innerHTML = ""; active = -1;
      search.setAttribute("aria-expanded", "false");
      search.removeAttribute("aria-activedescendant");
    }
    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (o, i) { o.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (options[index]) { search.setAttribute("aria-activedescendant", options[index].id); }
    }
    function choose(entry) {
      var value = String(entry.id);
      if (current().indexOf(value) < 0) {
        setIds(current().concat([value]));
        var li = document.createElement("li");
        li.setAttribute("data-id", value);
        li.appendChild(document.createTextNode(entry.label + " (" + value + ")"));
        addRemove(li);
        chosen.appendChild(li);
      }
      status.textContent = labels.added + ": " + entry.label;
      search.value = "";
      close();
    }
    function show(entries) {
      results = entries; list.innerHTML = ""; active = -1;
      entries.forEach(function (entry, i) {
        var option = document.createElement("li");
        option.id = uid + "-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = entry.label + " (" + entry.id + ")";
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(entry); });
        list.appendChild(option);
      });
      list.hidden = entries.length === 0;
      search.setAttribute("aria-expanded", entries.length ? "true" : "false");
      status.textContent = entries.length ? labels.results.replace("%(count)s", entries.length) : labels.none;
    }
    search.addEventListener("input", function () {
      clearTimeout(timer);
      var q = search.value.trim();
      if (!q) { close(); return; }
      timer = setTimeout(function () {
        var url = box.getAttribute("data-picker") + "?format=json&q=" + encodeURIComponent(q);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) { if (search.value.trim() === q) { show(data.results || []); } })
          .catch(function () {});
      }, 200);
    });
    search.addEventListener("keydown", function (event) {
      var count = results.length;
      if (event.key === "ArrowDown" && count) { event.preventDefault(); highlight((active + 1) % count); }
      else if (event.key === "ArrowUp" && count) { event.preventDefault(); highlight((active - 1 + count) % count); }
      else if (event.key === "Enter") {
        // Enter in the search box picks an entry; it never submits the whole form.
        event.preventDefault();
        if (!list.hidden && results[active < 0 ? 0 : active]) { choose(results[active < 0 ? 0 : active]); }
      } else if (event.key === "Escape") { close(); }
    });
    search.addEventListener("blur", function () { setTimeout(close, 150); });
  }
  ready(function () {
    enhance(document);
    loadRichText();
    document.querySelectorAll(".picker[data-picker]").forEach(function (box) {
      if (box.getAttribute("data-picker")) { buildPicker(box); }
    });
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
