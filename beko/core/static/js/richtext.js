// Rich-text editor over textarea[data-richtext] (progressive enhancement, see beko.core.widgets).
// Without this file the textarea takes HTML, which the server sanitises. With it, a ProseMirror
// editor with a toolbar replaces the textarea and writes its HTML back on every change, so the
// form posts exactly what the editor shows. The schema allows only tags the server's sanitiser
// keeps (beko/core/lib/sanitize.py), so nothing the editor produces is silently dropped later.
(function () {
  "use strict";
  var PM = window.BekoProseMirror;
  if (!PM) { return; }

  var SAFE_URL = /^(https?:|mailto:|tel:)/i;

  var schema = new PM.Schema({
    nodes: {
      doc: { content: "block+" },
      paragraph: {
        content: "inline*", group: "block",
        parseDOM: [{ tag: "p" }, { tag: "div", priority: 10 }],
        toDOM: function () { return ["p", 0]; }
      },
      heading: {
        attrs: { level: { default: 2 } }, content: "inline*", group: "block", defining: true,
        // Word and other sites use h1 and h4-h6; the page already has its h1, so they fold in.
        parseDOM: [
          { tag: "h1", attrs: { level: 2 } }, { tag: "h2", attrs: { level: 2 } },
          { tag: "h3", attrs: { level: 3 } }, { tag: "h4", attrs: { level: 3 } },
          { tag: "h5", attrs: { level: 3 } }, { tag: "h6", attrs: { level: 3 } }
        ],
        toDOM: function (node) { return ["h" + node.attrs.level, 0]; }
      },
      bullet_list: {
        content: "list_item+", group: "block",
        parseDOM: [{ tag: "ul" }], toDOM: function () { return ["ul", 0]; }
      },
      ordered_list: {
        content: "list_item+", group: "block",
        parseDOM: [{ tag: "ol" }], toDOM: function () { return ["ol", 0]; }
      },
      list_item: {
        content: "paragraph block*", defining: true,
        parseDOM: [{ tag: "li" }], toDOM: function () { return ["li", 0]; }
      },
      text: { group: "inline" },
      hard_break: {
        inline: true, group: "inline", selectable: false,
        parseDOM: [{ tag: "br" }], toDOM: function () { return ["br"]; }
      }
    },
    marks: {
      link: {
        attrs: { href: {} }, inclusive: false,
        parseDOM: [{
          tag: "a[href]",
          getAttrs: function (dom) {
            var href = dom.getAttribute("href") || "";
            return SAFE_URL.test(href) ? { href: href } : false;
          }
        }],
        toDOM: function (mark) { return ["a", { href: mark.attrs.href }, 0]; }
      },
      strong: {
        parseDOM: [
          { tag: "strong" }, { tag: "b" },
          { style: "font-weight", getAttrs: function (v) { return /^(bold(er)?|[6-9]\d{2})$/.test(v) && null; } }
        ],
        toDOM: function () { return ["strong", 0]; }
      },
      em: {
        parseDOM: [{ tag: "em" }, { tag: "i" }, { style: "font-style=italic" }],
        toDOM: function () { return ["em", 0]; }
      }
    }
  });

  // Word puts lists on the clipboard as paragraphs with "mso-list" styles and a bullet or
  // number in a conditional-comment span; turn runs of those into real <ul>/<ol> first.
  function wordListsToHtmlLists(html) {
    if (!/mso-list|MsoListParagraph/i.test(html)) { return html; }
    var doc = new window.DOMParser().parseFromString(html, "text/html");
    var paragraphs = doc.querySelectorAll("p");
    var currentList = null;
    paragraphs.forEach(function (p) {
      var style = p.getAttribute("style") || "";
      var isItem = /mso-list/i.test(style) || /MsoListParagraph/i.test(p.className);
      if (!isItem) { currentList = null; return; }
      var marker = "";
      p.querySelectorAll("span").forEach(function (span) {
        if (/mso-list:\s*Ignore/i.test(span.getAttribute("style") || "")) {
          marker = marker || span.textContent.trim();
          span.remove();
        }
      });
      var ordered = /^[0-9a-z]{1,3}[.)]$/i.test(marker);
      var tag = ordered ? "OL" : "UL";
      if (!currentList || currentList.tagName !== tag || currentList.nextElementSibling !== p) {
        currentList = doc.createElement(tag);
        p.parentNode.insertBefore(currentList, p);
      }
      var li = doc.createElement("li");
      while (p.firstChild) { li.appendChild(p.firstChild); }
      p.remove();
      currentList.appendChild(li);
    });
    return doc.body.innerHTML;
  }

  function markActive(state, type) {
    var sel = state.selection;
    if (sel.empty) { return !!type.isInSet(state.storedMarks || sel.$from.marks()); }
    return state.doc.rangeHasMark(sel.from, sel.to, type);
  }
  function blockActive(state, type, attrs) {
    var parent = state.selection.$from.parent;
    if (parent.type !== type) { return false; }
    return !attrs || parent.attrs.level === attrs.level;
  }
  function inList(state, type) {
    var $from = state.selection.$from;
    for (var d = $from.depth; d > 0; d--) {
      if ($from.node(d).type === type) { return true; }
    }
    return false;
  }
  function toggleHeading(level) {
    return function (state, dispatch) {
      if (blockActive(state, schema.nodes.heading, { level: level })) {
        return PM.setBlockType(schema.nodes.paragraph)(state, dispatch);
      }
      return PM.setBlockType(schema.nodes.heading, { level: level })(state, dispatch);
    };
  }
  function toggleList(type) {
    return function (state, dispatch) {
      if (inList(state, type)) { return PM.liftListItem(schema.nodes.list_item)(state, dispatch); }
      return PM.wrapInList(type)(state, dispatch);
    };
  }
  function editLink(labels) {
    return function (state, dispatch) {
      var type = schema.marks.link;
      if (markActive(state, type)) {
        if (dispatch) {
          var sel = state.selection;
          var from = sel.from, to = sel.to;
          if (sel.empty) {
            // Remove the whole link around the cursor.
            var $pos = sel.$from, start = $pos.parent.childAfter($pos.parentOffset);
            if (!start.node) { start = $pos.parent.childBefore($pos.parentOffset); }
            from = $pos.start() + start.offset;
            to = from + (start.node ? start.node.nodeSize : 0);
          }
          dispatch(state.tr.removeMark(from, to, type));
        }
        return true;
      }
      if (state.selection.empty) { return false; }
      if (!dispatch) { return true; }
      var href = (window.prompt(labels.link_prompt, "https://") || "").trim();
      if (!href || href === "https://") { return false; }
      if (!SAFE_URL.test(href)) { window.alert(labels.link_invalid); return false; }
      return PM.toggleMark(type, { href: href })(state, dispatch);
    };
  }

  function buildEditor(textarea) {
    var labels = JSON.parse(textarea.getAttribute("data-richtext") || "{}");
    var buttons = [
      { key: "h2", text: "H2", cmd: toggleHeading(2), shortcut: "Mod-Alt-2", aria: "Control+Alt+2",
        active: function (s) { return blockActive(s, schema.nodes.heading, { level: 2 }); } },
      { key: "h3", text: "H3", cmd: toggleHeading(3), shortcut: "Mod-Alt-3", aria: "Control+Alt+3",
        active: function (s) { return blockActive(s, schema.nodes.heading, { level: 3 }); } },
      { key: "bold", text: "B", cmd: PM.toggleMark(schema.marks.strong), shortcut: "Mod-b", aria: "Control+B",
        active: function (s) { return markActive(s, schema.marks.strong); } },
      { key: "italic", text: "I", cmd: PM.toggleMark(schema.marks.em), shortcut: "Mod-i", aria: "Control+I",
        active: function (s) { return markActive(s, schema.marks.em); } },
      { key: "bullet_list", text: "•", cmd: toggleList(schema.nodes.bullet_list), shortcut: "Shift-Mod-8", aria: "Control+Shift+8",
        active: function (s) { return inList(s, schema.nodes.bullet_list); } },
      { key: "ordered_list", text: "1.", cmd: toggleList(schema.nodes.ordered_list), shortcut: "Shift-Mod-9", aria: "Control+Shift+9",
        active: function (s) { return inList(s, schema.nodes.ordered_list); } },
      { key: "link", text: "🔗", cmd: editLink(labels), shortcut: "Mod-k", aria: "Control+K",
        active: function (s) { return markActive(s, schema.marks.link); } }
    ];

    var wrapper = document.createElement("div");
    wrapper.className = "richtext";
    var toolbar = document.createElement("div");
    toolbar.className = "richtext__toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", labels.toolbar || "");
    toolbar.setAttribute("aria-controls", textarea.id + "-editor");
    wrapper.appendChild(toolbar);
    var area = document.createElement("div");
    area.className = "richtext__area";
    wrapper.appendChild(area);
    textarea.parentNode.insertBefore(wrapper, textarea);
    textarea.hidden = true;

    var keys = {};
    buttons.forEach(function (spec, index) {
      keys[spec.shortcut] = spec.cmd;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "richtext__button richtext__button--" + spec.key;
      button.textContent = spec.text;
      // The visible glyph is decoration; the accessible name says what it does.
      button.setAttribute("aria-label", labels[spec.key] || spec.key);
      button.title = (labels[spec.key] || spec.key) + " (" + spec.aria + ")";
      button.setAttribute("aria-keyshortcuts", spec.aria);
      button.setAttribute("aria-pressed", "false");
      button.tabIndex = index === 0 ? 0 : -1;
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", function () {
        spec.cmd(view.state, view.dispatch, view);
        view.focus();
      });
      spec.button = button;
      toolbar.appendChild(button);
    });
    // One tab stop for the toolbar; arrow keys move inside it (WAI-ARIA toolbar pattern).
    toolbar.addEventListener("keydown", function (event) {
      var list = buttons.map(function (b) { return b.button; });
      var i = list.indexOf(document.activeElement);
      if (i < 0) { return; }
      var next = null;
      if (event.key === "ArrowRight") { next = list[(i + 1) % list.length]; }
      if (event.key === "ArrowLeft") { next = list[(i - 1 + list.length) % list.length]; }
      if (event.key === "Home") { next = list[0]; }
      if (event.key === "End") { next = list[list.length - 1]; }
      if (next) {
        event.preventDefault();
        list.forEach(function (b) { b.tabIndex = -1; });
        next.tabIndex = 0;
        next.focus();
      }
    });

    var listItem = schema.nodes.list_item;
    var rules = PM.inputRules({ rules: [
      PM.textblockTypeInputRule(/^(##?)\s$/, schema.nodes.heading, function (m) { return { level: m[1].length + 1 }; }),
      PM.wrappingInputRule(/^\s*([-*])\s$/, schema.nodes.bullet_list),
      PM.wrappingInputRule(/^(\d+)\.\s$/, schema.nodes.ordered_list)
    ] });

    var parser = PM.DOMParser.fromSchema(schema);
    var serializer = PM.DOMSerializer.fromSchema(schema);
    var holder = document.createElement("div");
    holder.innerHTML = textarea.value;
    // Plain text from before the editor (no tags) keeps its paragraphs.
    if (textarea.value.trim() && !/<[a-z]/i.test(textarea.value)) {
      holder.innerHTML = "";
      textarea.value.split(/\n\s*\n/).forEach(function (chunk) {
        var p = document.createElement("p");
        p.textContent = chunk.trim();
        holder.appendChild(p);
      });
    }

    function toHtml(doc) {
      var out = document.createElement("div");
      out.appendChild(serializer.serializeFragment(doc.content));
      var html = out.innerHTML;
      return html === "<p></p>" ? "" : html;
    }
    function refresh(state) {
      buttons.forEach(function (spec) {
        spec.button.setAttribute("aria-pressed", spec.active(state) ? "true" : "false");
      });
    }

    var labelEl = document.querySelector('label[for="' + textarea.id + '"]');
    if (labelEl && !labelEl.id) { labelEl.id = textarea.id + "-label"; }
    var attributes = {
      id: textarea.id + "-editor",
      class: "richtext__editor",
      role: "textbox",
      "aria-multiline": "true"
    };
    if (labelEl) { attributes["aria-labelledby"] = labelEl.id; }
    var describedBy = textarea.getAttribute("aria-describedby");
    if (describedBy) { attributes["aria-describedby"] = describedBy; }
    // A hidden required textarea would silently block the submit in the browser; the server
    // still refuses an empty required text, and the editor tells assistive technology instead.
    if (textarea.required) {
      textarea.required = false;
      attributes["aria-required"] = "true";
    }
    if (textarea.getAttribute("aria-invalid")) { attributes["aria-invalid"] = textarea.getAttribute("aria-invalid"); }

    var view = new PM.EditorView(area, {
      state: PM.EditorState.create({
        doc: parser.parse(holder),
        plugins: [
          rules,
          PM.keymap({
            Enter: PM.splitListItem(listItem),
            "Mod-z": PM.undo, "Shift-Mod-z": PM.redo, "Mod-y": PM.redo,
            "Shift-Enter": PM.chainCommands(PM.exitCode, function (state, dispatch) {
              if (dispatch) { dispatch(state.tr.replaceSelectionWith(schema.nodes.hard_break.create()).scrollIntoView()); }
              return true;
            }),
            "Mod-[": PM.liftListItem(listItem), "Mod-]": PM.sinkListItem(listItem),
            // Alt+F10 reaches the toolbar from the text, as in most office editors.
            "Alt-F10": function () {
              var current = toolbar.querySelector('[tabindex="0"]') || buttons[0].button;
              current.focus();
              return true;
            }
          }),
          PM.keymap(keys),
          PM.keymap(PM.baseKeymap),
          PM.history()
        ]
      }),
      attributes: attributes,
      transformPastedHTML: wordListsToHtmlLists,
      dispatchTransaction: function (tr) {
        var state = view.state.apply(tr);
        view.updateState(state);
        if (tr.docChanged) { textarea.value = toHtml(state.doc); }
        refresh(state);
      }
    });
    if (labelEl) {
      labelEl.addEventListener("click", function (event) { event.preventDefault(); view.focus(); });
    }
    textarea.value = textarea.value.trim() ? toHtml(view.state.doc) : "";
    refresh(view.state);
    wrapper.setAttribute("data-richtext-ready", "");
  }

  function init() {
    document.querySelectorAll("textarea[data-richtext]").forEach(function (textarea) {
      if (!textarea.hidden) { buildEditor(textarea); }
    });
  }
  if (document.readyState !== "loading") { init(); } else { document.addEventListener("DOMContentLoaded", init); }
})();
