/* The text editor: django-prose-editor's Tiptap bundle, started here instead of by its preset, because its preset
   needs an inline import map and Tiptap injects an inline <style>; the Content Security Policy refuses both.
   The schema is the one in tertial/richtext.py (EDITOR_EXTENSIONS, passed in the textarea's data attribute).
   Here: Swedish labels, Word's shortcuts, two list levels at most, the toolbar as a WAI-ARIA toolbar (one Tab
   stop, arrow keys between its buttons, Alt+F10 from the text, pressed and unavailable states), and paste: clipboard HTML (Word, Excel) is cleaned by the server's own sanitizer (tertial.richtext.clean), so
   what is pasted is what will be stored. Editors inside a closed <details> start when it is opened. */
(function () {
  "use strict";
  var CONFIG_ATTR = "data-django-prose-editor-configurable";
  var SV = {
    "Insert Table": "Infoga tabell", "Rows": "Rader", "Columns": "Kolumner", "Include header row": "Med rubrikrad",
    "Insert": "Infoga", "Cancel": "Avbryt", "Update": "Uppdatera", "Table Properties": "Tabellens egenskaper",
    "Toggle fullscreen": "Helskärm"
  };
  // The table dialog's Med rubrikrad choices are the bundle's values "Yes"/"No", not passed through gettext: shown
  // as Ja/Nej when focus enters the dialog (it focuses its first field on opening), their values kept.
  var CHOICES = { "Yes": "Ja", "No": "Nej" };
  document.addEventListener("focusin", function (event) {
    var dialog = event.target.closest && event.target.closest("dialog");
    if (!dialog) return;
    dialog.querySelectorAll("select option").forEach(function (option) {
      if (CHOICES[option.textContent]) { option.value = option.textContent; option.textContent = CHOICES[option.value]; }
    });
  });
  // Dialog texts (the bundle calls window.gettext, which must exist before it is loaded).
  if (typeof window.gettext !== "function") {
    window.gettext = function (text) { return SV[text] || text; };
  }
  // Toolbar buttons: their English names in the bundle, ours, and the shortcut (aria-keyshortcuts, tooltip).
  var LABELS = {
    "heading 2": ["Rubrik", "Control+Alt+1"], "heading 3": ["Underrubrik", "Control+Alt+2"],
    "paragraph": ["Brödtext", "Control+Alt+0"], "bold": ["Fet", "Control+B"], "italic": ["Kursiv", "Control+I"],
    "unordered list": ["Punktlista", "Control+Shift+L"], "ordered list": ["Numrerad lista", "Control+Shift+7"],
    "Insert table": ["Infoga tabell"], "Add column": ["Lägg till kolumn"], "Delete column": ["Ta bort kolumn"],
    "Add row": ["Lägg till rad"], "Delete row": ["Ta bort rad"], "Delete table": ["Ta bort tabellen"],
    "undo": ["Ångra", "Control+Z"], "redo": ["Gör om", "Control+Y"]
  };
  var KEY_NAMES = { Control: "Ctrl", Shift: "Skift" };
  // What the schema cannot store (merged cells, list numbering styles): not offered.
  var HIDDEN = ["Merge cells", "Split cell", "List properties", "Table Properties", "Toggle header row",
    "Toggle header column", "Toggle header cell"];

  var started = new WeakMap();
  var E = null;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function listDepth(state) {
    var depth = 0;
    for (var d = state.selection.$from.depth; d > 0; d--) {
      var name = state.selection.$from.node(d).type.name;
      if (name === "bulletList" || name === "orderedList") depth++;
    }
    return depth;
  }

  function tertialExtension(textarea) {
    return E.Extension.create({
      name: "tertial",
      priority: 1000, // before the bundle's own keymaps
      addKeyboardShortcuts: function () {
        var editor = this.editor;
        return {
          "Mod-Alt-1": function () { return editor.chain().focus().toggleHeading({ level: 2 }).run(); },
          "Mod-Alt-2": function () { return editor.chain().focus().toggleHeading({ level: 3 }).run(); },
          "Mod-Alt-3": function () { return editor.chain().focus().toggleHeading({ level: 3 }).run(); },
          "Mod-Alt-0": function () { return editor.chain().focus().setParagraph().run(); },
          "Mod-Shift-n": function () { return editor.chain().focus().setParagraph().run(); },
          "Mod-Shift-l": function () { return editor.chain().focus().toggleBulletList().run(); },
          "Mod-y": function () { return editor.commands.redo(); },
          // Two list levels: Tab on the second level does nothing (the server would flatten a third).
          "Tab": function () { return listDepth(editor.state) >= 2 && !editor.isActive("table"); },
          "Alt-F10": function () { focusToolbar(textarea); return true; }
        };
      },
      addProseMirrorPlugins: function () {
        var editor = this.editor;
        // On the DOM event, before ProseMirror parses the clipboard into the page (Word's style attributes there
        // would be reported by the Content Security Policy).
        return [new E.Plugin({ props: { handleDOMEvents: { paste: function (view, event) {
          if (paste(editor, textarea, event)) { event.preventDefault(); return true; }
          return false;
        } } } })];
      }
    });
  }

  function paste(editor, textarea, event) {
    var data = event.clipboardData;
    var html = data && data.getData("text/html");
    var holder = textarea.closest("[data-paste-url]");
    if (!html || !holder) return false; // plain text: Tiptap's own paste, within the schema
    var body = new FormData();
    body.append("html", html);
    body.append("csrfmiddlewaretoken", csrfToken());
    var fallback = data.getData("text/plain");
    fetch(holder.dataset.pasteUrl, { method: "POST", body: body, credentials: "same-origin", redirect: "error" })
      .then(function (response) { if (!response.ok) throw new Error(String(response.status)); return response.text(); })
      .then(function (clean) { editor.chain().focus().insertContent(clean).run(); })
      .catch(function () { if (fallback) editor.chain().focus().insertContent(escapeParagraphs(fallback)).run(); });
    return true;
  }

  function escapeParagraphs(text) {
    return text.split(/\r?\n/).filter(function (l) { return l.trim(); }).map(function (line) {
      var p = document.createElement("p");
      p.textContent = line;
      return p.outerHTML;
    }).join("");
  }

  function menubar(textarea) {
    var wrapper = textarea.closest(".prose-editor");
    return wrapper && wrapper.querySelector(".prose-menubar");
  }

  // The toolbar's buttons that can be on: their pressed state read from the editor (the bundle marks some of them
  // "active" only visually, and the bullet list never).
  var PRESSED = {
    heading2: ["heading", { level: 2 }], heading3: ["heading", { level: 3 }], paragraph: ["paragraph"],
    bold: ["bold"], italic: ["italic"], bulletList: ["bulletList"], orderedList: ["orderedList"]
  };

  function toolbarButtons(bar) {
    // The table buttons are hidden outside a table: not reachable then.
    return Array.prototype.filter.call(bar.querySelectorAll(".prose-menubar__button"), function (button) {
      return !button.classList.contains("hidden");
    });
  }

  function focusToolbar(textarea) {
    var bar = menubar(textarea);
    var current = bar && (bar.querySelector('.prose-menubar__button[tabindex="0"]') || toolbarButtons(bar)[0]);
    if (current) current.focus();
  }

  // A roving tabindex (WAI-ARIA Authoring Practices, toolbar pattern): the toolbar is one Tab stop, the button last
  // used; Left/Right (wrapping), Home and End move between the buttons. Unavailable buttons stay focusable
  // (aria-disabled), so that a screen reader user learns they are there.
  function rovingToolbar(bar, editor) {
    function setCurrent(button) {
      bar.querySelectorAll(".prose-menubar__button").forEach(function (other) {
        other.setAttribute("tabindex", other === button ? "0" : "-1");
      });
    }
    function sync() {
      bar.querySelectorAll(".prose-menubar__button").forEach(function (button) {
        var pressed = PRESSED[button.dataset.name];
        if (pressed) {
          var on = editor.isActive.apply(editor, pressed);
          button.setAttribute("aria-pressed", on ? "true" : "false");
          button.classList.toggle("active", on);
        }
        if (button.classList.contains("disabled")) button.setAttribute("aria-disabled", "true");
        else button.removeAttribute("aria-disabled");
      });
      var current = bar.querySelector('.prose-menubar__button[tabindex="0"]');
      if (!current || current.classList.contains("hidden")) setCurrent(toolbarButtons(bar)[0]);
    }
    bar.addEventListener("focusin", function (event) {
      var button = event.target.closest(".prose-menubar__button");
      if (button) setCurrent(button);
    });
    bar.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      var buttons = toolbarButtons(bar);
      var index = buttons.indexOf(event.target);
      if (index === -1) return;
      var next = {
        ArrowRight: (index + 1) % buttons.length, ArrowLeft: (index - 1 + buttons.length) % buttons.length,
        Home: 0, End: buttons.length - 1
      }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      setCurrent(buttons[next]);
      buttons[next].focus();
    });
    editor.on("transaction", sync);
    sync();
  }

  function translateToolbar(textarea, editor) {
    var bar = menubar(textarea);
    if (!bar) return;
    var label = document.getElementById(textarea.dataset.label);
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Formatering" + (label ? ": " + label.textContent.trim() : ""));
    bar.querySelectorAll("[title], [aria-label]").forEach(function (el) {
      var name = el.getAttribute("aria-label") || el.getAttribute("title");
      if (HIDDEN.indexOf(name) !== -1) { el.remove(); return; }
      var ours = LABELS[name];
      if (ours) {
        el.setAttribute("aria-label", ours[0]);
        var keys = ours[1] ? " (" + ours[1].replace(/Control|Shift/g, function (k) { return KEY_NAMES[k]; }) + ")" : "";
        el.setAttribute("title", ours[0] + keys);
        if (ours[1]) el.setAttribute("aria-keyshortcuts", ours[1]);
      }
    });
    bar.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); editor.commands.focus(); }
    });
    rovingToolbar(bar, editor);
  }

  function start(textarea) {
    if (started.has(textarea) || !E) return;
    started.set(textarea, true);
    var config = JSON.parse(textarea.getAttribute(CONFIG_ATTR) || "{}");
    var extensions = [];
    Object.keys(config.extensions || {}).forEach(function (name) {
      var extension = E[name];
      var options = config.extensions[name];
      if (!extension) return;
      extensions.push(typeof options === "object" ? extension.configure(options) : extension);
    });
    extensions.push(tertialExtension(textarea));
    var wrapper = document.createElement("div");
    wrapper.className = "prose-editor" + (textarea.disabled ? " disabled" : "");
    textarea.before(wrapper);
    wrapper.append(textarea);
    var attributes = { role: "textbox", "aria-multiline": "true", spellcheck: "true", lang: "sv" };
    if (textarea.dataset.label) attributes["aria-labelledby"] = textarea.dataset.label;
    if (textarea.getAttribute("aria-describedby")) attributes["aria-describedby"] = textarea.getAttribute("aria-describedby");
    if (textarea.getAttribute("aria-invalid")) attributes["aria-invalid"] = "true";
    var editor = new E.Editor({
      element: wrapper,
      editable: !textarea.disabled,
      extensions: extensions,
      content: textarea.value,
      injectCSS: false, // an inline <style>: static/css/prose.css has Tiptap's few rules
      editorProps: { attributes: attributes },
      onUpdate: function (props) {
        var html = props.editor.getHTML();
        textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
    started.set(textarea, editor);
    textarea.tertialEditor = editor;
    // The menu is built when the editor has been created (Tiptap's "create" comes after this function).
    editor.on("create", function () { translateToolbar(textarea, editor); });
    // The label names the editable text now (aria-labelledby), not the hidden textarea; a click on it still
    // takes the writer there.
    var label = document.getElementById(textarea.dataset.label);
    if (label) {
      label.removeAttribute("for");
      label.addEventListener("click", function () { editor.commands.focus(); });
    }
    // A value set from outside (the browser's kept draft, "Infoga meningen"): show it.
    textarea.addEventListener("input", function () {
      var current = editor.getHTML();
      if (textarea.value !== current && !(textarea.value === "" && editor.isEmpty)) {
        editor.commands.setContent(textarea.value, false);
      }
    });
  }

  function startVisible() {
    document.querySelectorAll("textarea[" + CONFIG_ATTR + "]").forEach(function (textarea) {
      var closed = textarea.closest("details:not([open])");
      if (!closed) start(textarea);
    });
  }

  document.addEventListener("toggle", function (event) {
    if (event.target.tagName === "DETAILS" && event.target.open) startVisible();
  }, true);

  var script = document.currentScript;
  var bundle = new URL("../django_prose_editor/editor.js", script ? script.src : location.href).href;
  import(bundle).then(function (module) {
    E = module;
    startVisible();
    document.dispatchEvent(new CustomEvent("tertial:editors-ready"));
  }).catch(function (error) {
    // Without the editor the textarea still works: the server cleans what is typed in it.
    console.error("Textredigeraren kunde inte startas", error);
  });
})();
