/* A background export's page: ask the server every two seconds how the file is coming along and show its answer
   (the status partial, rendered and escaped by the server) in the live region, until the file is ready or failed.
   Without JavaScript the page says the same, and a link reloads it. */
(function () {
  "use strict";
  var box = document.getElementById("export-status");
  if (!box || box.dataset.finished === "1") return;
  var url = box.dataset.statusUrl;
  var delay = 2000;
  var lastStatus = box.dataset.status;

  function ask() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        if (data.status !== lastStatus) {
          box.innerHTML = data.html; // only when something changed: a screen reader hears each change once
          lastStatus = data.status;
        }
        if (!data.finished) window.setTimeout(ask, delay);
      })
      .catch(function () {
        delay = Math.min(delay * 2, 30000); // the server is busy or the network dropped: ask less often
        window.setTimeout(ask, delay);
      });
  }
  window.setTimeout(ask, 1000); // a Word or Excel file is usually ready within a second or two of the order
})();
