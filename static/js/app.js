// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Elements with data-poll="URL" are replaced by the partial at URL until the
  // server stops sending data-poll (the job finished or failed).
  function poll(element) {
    var url = element.getAttribute("data-poll");
    if (!url) return;
    window.setTimeout(function () {
      fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) return;
          var holder = document.createElement("div");
          holder.innerHTML = html.trim();
          var fresh = holder.firstElementChild;
          if (!fresh) return;
          element.replaceWith(fresh);
          if (fresh.hasAttribute("data-poll")) {
            poll(fresh);
          } else if (fresh.hasAttribute("data-reload-when-done")) {
            window.location.reload();
          }
        })
        .catch(function () { poll(element); });
    }, 1500);
  }

  // Forms that ask for confirmation carry data-confirm="question".
  function confirmForms() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-poll]").forEach(poll);
    confirmForms();
  });
})();
