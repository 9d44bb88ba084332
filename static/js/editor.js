/* The section page's helpers around the text editors (static/js/prose.js): "Infoga meningen" puts the count
   sentence first in the text, a link to a field (from Kontroll: #id_ind-12-analysis) opens the folded row it is
   in and focuses it, and the error summary takes the focus after a failed save. */
(function () {
  "use strict";

  function editorOf(textarea) {
    return textarea && textarea.tertialEditor;
  }

  function focusField(target) {
    var editor = editorOf(target);
    if (editor) editor.commands.focus("start");
    else target.focus();
  }

  document.addEventListener("click", function (event) {
    var insert = event.target.closest("[data-insert-from]");
    if (!insert) return;
    var target = document.getElementById(insert.dataset.insertInto);
    var sentence = document.getElementById(insert.dataset.insertFrom).textContent.trim();
    if (!target) return;
    var editor = editorOf(target);
    if (editor) {
      var p = document.createElement("p");
      p.textContent = sentence;
      editor.chain().focus("start").insertContentAt(0, p.outerHTML).run();
    } else {
      var p2 = document.createElement("p");
      p2.textContent = sentence;
      target.value = p2.outerHTML + target.value;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      target.focus();
    }
  });

  function openTarget() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    for (var el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") el.open = true;
    }
    // Opening a <details> starts its editor (prose.js, on "toggle"): focus once it is there.
    setTimeout(function () {
      var shown = target.closest(".prose-editor") || target;
      shown.scrollIntoView({ block: "center" });
      focusField(target);
    }, 0);
  }
  window.addEventListener("hashchange", openTarget);
  var errors = document.getElementById("form-errors");
  if (errors) {
    errors.focus();
  } else if (location.hash) {
    // The editors start after the bundle has loaded.
    document.addEventListener("tertial:editors-ready", openTarget, { once: true });
    openTarget();
  }
  // Printing shows every folded analysis (a closed <details> prints as its summary only).
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (el) {
      el.setAttribute("data-opened-for-print", "");
      el.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-opened-for-print]").forEach(function (el) {
      el.removeAttribute("data-opened-for-print");
      el.open = false;
    });
  });
})();
