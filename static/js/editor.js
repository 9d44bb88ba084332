/* The analysis editor: toolbar (Rubrik, Punktlista, Fet), live preview rendered by the server
   (tertial.richtext.to_html, escaped), and a paste handler that turns Word's clipboard HTML into the
   stored format: "## Rubrik", "- punkt", one paragraph a line, **fet**. No HTML is ever stored. */
(function () {
  "use strict";

  function csrfToken(el) {
    var form = el.closest("form") || document.getElementById("section-form");
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function changed(textarea) {
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  // The lines touched by the selection: [start of first line, end of last line].
  function selectedLines(textarea) {
    var value = textarea.value;
    var start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    var end = value.indexOf("\n", textarea.selectionEnd);
    if (end === -1) end = value.length;
    return [start, end];
  }

  function togglePrefix(textarea, prefix) {
    var range = selectedLines(textarea);
    var lines = textarea.value.slice(range[0], range[1]).split("\n");
    var all = lines.every(function (l) { return l.indexOf(prefix) === 0; });
    var result = lines.map(function (l) {
      if (all) return l.slice(prefix.length);
      return l.replace(/^(## |- )/, "").length || lines.length === 1 ? prefix + l.replace(/^(## |- )/, "") : l;
    }).join("\n");
    textarea.setRangeText(result, range[0], range[1], "select");
    changed(textarea);
  }

  function toggleBold(textarea) {
    var s = textarea.selectionStart, e = textarea.selectionEnd;
    var text = textarea.value.slice(s, e);
    if (/^\*\*[\s\S]*\*\*$/.test(text)) {
      textarea.setRangeText(text.slice(2, -2), s, e, "select");
    } else if (text) {
      textarea.setRangeText("**" + text + "**", s, e, "select");
    } else {
      textarea.setRangeText("****", s, e, "end");
      textarea.selectionStart = textarea.selectionEnd = s + 2;
    }
    changed(textarea);
  }

  function applyFormat(textarea, format) {
    if (format === "heading") togglePrefix(textarea, "## ");
    else if (format === "bullet") togglePrefix(textarea, "- ");
    else if (format === "bold") toggleBold(textarea);
    textarea.focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-format]");
    if (button) {
      var textarea = document.getElementById(button.getAttribute("aria-controls"));
      if (textarea) applyFormat(textarea, button.dataset.format);
    }
    var insert = event.target.closest("[data-insert-from]");
    if (insert) {
      var target = document.getElementById(insert.dataset.insertInto);
      var sentence = document.getElementById(insert.dataset.insertFrom).textContent.trim();
      if (target) {
        target.value = sentence + (target.value ? "\n" + target.value : "");
        changed(target);
        target.focus();
      }
    }
  });

  // Ctrl/Cmd+B for bold inside the editor (the buttons are in the tab order too).
  document.addEventListener("keydown", function (event) {
    var textarea = event.target;
    if (!textarea.matches || !textarea.matches(".richtext-input")) return;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "b") {
      event.preventDefault();
      applyFormat(textarea, "bold");
    }
  });

  // Live preview: the server renders with the one escaping renderer; debounced.
  var timers = new WeakMap();
  document.addEventListener("input", function (event) {
    var textarea = event.target;
    if (!textarea.matches || !textarea.matches(".richtext-input")) return;
    clearTimeout(timers.get(textarea));
    timers.set(textarea, setTimeout(function () { preview(textarea); }, 400));
  });

  function preview(textarea) {
    var box = document.getElementById(textarea.dataset.preview);
    if (!box || !textarea.dataset.previewUrl) return;
    var body = new FormData();
    body.append("text", textarea.value);
    body.append("csrfmiddlewaretoken", csrfToken(textarea));
    fetch(textarea.dataset.previewUrl, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        if (response.ok) return response.text();
        throw new Error("preview");
      })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () { /* the preview is a help; a lost one is not an error worth interrupting for */ });
  }

  // A link to a field (from Kontroll: #id_ind-12-analysis) opens the folded row it is in and focuses it.
  function openTarget() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    for (var el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
    target.scrollIntoView({ block: "center" });
    target.focus();
  }
  window.addEventListener("hashchange", openTarget);
  var errors = document.getElementById("form-errors");
  if (errors) errors.focus(); else openTarget();

  // --- Paste from Word ----------------------------------------------------------------------------------
  var BLOCKS = /^(P|DIV|H[1-6]|LI|TR|BLOCKQUOTE|TD|TH)$/;

  function inlineText(node) {
    var out = "";
    node.childNodes.forEach(function (child) {
      if (child.nodeType === Node.TEXT_NODE) {
        out += child.nodeValue.replace(/\s+/g, " "); // Word wraps its HTML source inside paragraphs
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        var style = (child.getAttribute("style") || "").replace(/\s/g, "").toLowerCase();
        if (style.indexOf("mso-list:ignore") !== -1) return; // Word's typed bullet symbol
        if (/^(STYLE|SCRIPT|META|TITLE|XML)$/.test(child.tagName)) return;
        var inner = inlineText(child);
        var bold = child.tagName === "B" || child.tagName === "STRONG" || /font-weight:(bold|[6-9]00)/.test(style);
        if (bold && inner.trim()) {
          var lead = inner.match(/^\s*/)[0], trail = inner.match(/\s*$/)[0];
          out += lead + "**" + inner.trim() + "**" + trail;
        } else {
          out += child.tagName === "BR" ? "\n" : inner;
        }
      }
    });
    return out;
  }

  function clean(text) {
    return text.replace(/[\u00a0\u202f]/g, " ").replace(/[ \t\r\f\v]+/g, " ").replace(/\*\*\*\*/g, "").trim();
  }

  function isListParagraph(el) {
    var cls = el.getAttribute("class") || "";
    var style = (el.getAttribute("style") || "").toLowerCase();
    return /MsoListParagraph/i.test(cls) || style.indexOf("mso-list") !== -1;
  }

  function wordHtmlToText(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var lines = [];
    function walk(node) {
      node.childNodes.forEach(function (child) {
        if (child.nodeType !== Node.ELEMENT_NODE) {
          if (child.nodeType === Node.TEXT_NODE && clean(child.nodeValue)) lines.push(clean(child.nodeValue));
          return;
        }
        var tag = child.tagName;
        if (/^(STYLE|SCRIPT|META|TITLE|HEAD)$/.test(tag)) return;
        if (tag === "UL" || tag === "OL" || tag === "TABLE" || tag === "TBODY" || tag === "THEAD" || tag === "SECTION" || tag === "ARTICLE" ||
            (tag === "DIV" && child.querySelector("p,h1,h2,h3,h4,h5,h6,li,div,ul,ol,table"))) {
          walk(child);
          return;
        }
        if (BLOCKS.test(tag)) {
          child.innerHTML.split(/<br\s*\/?>/i).forEach(function (part) {
            var holder = doc.createElement("div");
            holder.innerHTML = part;  // inert: a DOMParser document never runs scripts or loads images
            var text = clean(inlineText(holder));
            if (!text) return;
            if (/^H[1-6]$/.test(tag)) {
              lines.push("## " + text.replace(/\*\*/g, ""));
            } else if (tag === "LI" || isListParagraph(child)) {
              lines.push("- " + text.replace(/^([·•o§▪‣◦\-–]|\d+[.)])\s+/, ""));
            } else {
              lines.push(text);
            }
          });
          return;
        }
        var text = clean(inlineText(child));
        if (text) lines.push(text);
      });
    }
    walk(doc.body);
    return lines.join("\n");
  }
  window.tertialWordHtmlToText = wordHtmlToText; // for the browser tests

  document.addEventListener("paste", function (event) {
    var textarea = event.target;
    if (!textarea.matches || !textarea.matches(".richtext-input")) return;
    var data = event.clipboardData;
    var html = data && data.getData("text/html");
    var text;
    if (html) {
      text = wordHtmlToText(html);
    } else if (data) {
      text = data.getData("text/plain").replace(/\r\n?/g, "\n").replace(/^[•·▪]\s*/gm, "- ");
    }
    if (!text) return;
    event.preventDefault();
    textarea.setRangeText(text, textarea.selectionStart, textarea.selectionEnd, "end");
    changed(textarea);
  });
})();
