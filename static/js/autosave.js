/* No lost edits. What the writer types is kept in this browser (localStorage) as they type and, every minute,
   as a draft on the server. Before saving, the session is checked: an expired login or a dropped network is
   told in Swedish and nothing is sent (so nothing is lost); a fresh CSRF token is put in the form. */
(function () {
  "use strict";
  var form = document.getElementById("section-form");
  if (!form) return;
  var key = form.dataset.sectionKey;
  var status = document.getElementById("save-status");
  var banner = document.getElementById("local-draft");
  var submitting = false;
  var dirty = false;
  var lastServerDraft = null;

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("text-danger", !!isError);
    status.classList.toggle("fw-semibold", !!isError);
  }

  function serialize() {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.disabled) return;
      if (el.type === "checkbox") { if (el.checked) data[el.name] = "on"; }
      else if (el.type === "radio") { if (el.checked) data[el.name] = el.value; }
      else if (el.type !== "submit" && el.type !== "button") data[el.name] = el.value;
    });
    return data;
  }

  // The same text and figures; the version differs after every save and says nothing about the content.
  function same(a, b) {
    var strip = function (data) { var copy = Object.assign({}, data); delete copy["s-version"]; return copy; };
    return JSON.stringify(strip(a || {})) === JSON.stringify(strip(b || {}));
  }

  function fill(data) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken") return;
      if (el.type === "checkbox") el.checked = data[el.name] === "on";
      else if (el.type === "radio") el.checked = data[el.name] === el.value;
      else if (el.name in data) el.value = data[el.name];
      if (el.matches(".richtext-input")) el.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  function read() {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function keepLocally(submitted) {
    var entry = { data: serialize(), savedAt: new Date().toISOString() };
    if (submitted === true) {
      entry.submitted = true;
      var version = form.querySelector("input[name$=version]");
      entry.version = version ? version.value : "";
    }
    try {
      localStorage.setItem(key, JSON.stringify(entry));
    } catch (e) { /* storage full or disabled: the server draft still runs */ }
  }

  // On load: a kept text that differs from what the page shows is offered for restoring.
  var initial = serialize();
  var kept = read();
  // A kept text that was sent with Spara and saved is not "unsaved", even when the page now writes it differently
  // (the server wrote 2091 as 2 091, the editor's HTML in its stored form): the version went up, or the page
  // says the save went through.
  var versionInput = form.querySelector("input[name$=version]");
  if (kept && kept.submitted && (
    (versionInput && kept.version !== versionInput.value) || document.querySelector(".messages .alert-success"))) {
    localStorage.removeItem(key);
    kept = null;
  }
  // The version differs after every save; a kept text is only worth offering if the text itself differs.
  function withoutVersion(data) {
    var copy = {};
    Object.keys(data).forEach(function (name) { if (!/(^|-)version$/.test(name)) copy[name] = data[name]; });
    return copy;
  }
  function sameText(a, b) { return same(withoutVersion(a), withoutVersion(b)); }
  if (kept && !sameText(kept.data, initial)) {
    banner.querySelector("[data-local-draft-time]").textContent = new Date(kept.savedAt).toLocaleString("sv-SE");
    banner.classList.remove("d-none");
    banner.addEventListener("click", function (event) {
      var action = event.target.dataset && event.target.dataset.localDraft;
      if (action === "restore") {
        fill(kept.data);
        dirty = true;
        say("Texten från webbläsaren är återställd. Tryck Spara för att spara den.");
      } else if (action === "discard") {
        localStorage.removeItem(key);
      } else {
        return;
      }
      banner.classList.add("d-none");
      form.querySelector("textarea, input:not([type=hidden])").focus();
    });
  } else if (kept) {
    localStorage.removeItem(key);
  }

  var timer;
  function onEdit() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(keepLocally, 300);
  }
  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);

  function sendServerDraft() {
    var data = serialize();
    if (!dirty || same(data, lastServerDraft) || same(data, initial)) return;
    fetch(form.dataset.draftUrl, { method: "POST", body: new FormData(form), credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        if (response.ok) return response.json().then(function (json) {
          lastServerDraft = data;
          say("Utkast sparat " + json.sparat + " (inte sparat i rapporten förrän du trycker Spara).");
        });
        if (response.type === "opaqueredirect" || response.status === 401) {
          say("Du är utloggad. Texten finns kvar i den här webbläsaren. Logga in igen och tryck sedan Spara.", true);
        }
      })
      .catch(function () {
        say("Ingen kontakt med servern just nu. Texten finns kvar i den här webbläsaren.", true);
      });
  }
  setInterval(sendServerDraft, 60000);

  form.addEventListener("submit", function (event) {
    if (submitting) return;
    event.preventDefault();
    clearTimeout(timer);
    keepLocally(true);
    say("Sparar …");
    fetch(form.dataset.pingUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 401) {
          say("Din inloggning har gått ut, så inget är sparat. Texten finns kvar i den här webbläsaren. " +
              "Logga in i en ny flik, kom sedan tillbaka hit och tryck Spara igen.", true);
          var link = document.createElement("a");
          link.href = form.dataset.loginUrl; link.target = "_blank"; link.rel = "noopener";
          link.textContent = " Logga in i en ny flik";
          status.appendChild(link);
          return;
        }
        if (!response.ok) throw new Error("status " + response.status);
        return response.json().then(function (json) {
          form.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (i) { i.value = json.csrf; });
          submitting = true;
          form.submit();
        });
      })
      .catch(function () {
        say("Det gick inte att nå servern, så inget är sparat. Texten finns kvar i den här webbläsaren: " +
            "försök igen när nätverket fungerar.", true);
      });
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting && !same(serialize(), initial)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
