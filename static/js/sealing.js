// Motions to seal: small conveniences. Every form works without this file.
(function () {
  "use strict";

  function setAll(containerId, checked) {
    var container = document.getElementById(containerId);
    if (!container) return;
    container.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = checked;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-check-all]").forEach(function (button) {
      button.addEventListener("click", function () {
        setAll(button.getAttribute("data-check-all"), true);
      });
    });
    document.querySelectorAll("[data-check-none]").forEach(function (button) {
      button.addEventListener("click", function () {
        setAll(button.getAttribute("data-check-none"), false);
      });
    });
    // Coming back to an item after saving it: open the group it sits in.
    if (window.location.hash) {
      var target = document.getElementById(window.location.hash.slice(1));
      if (target && target.tagName === "DETAILS") target.open = true;
      var controls = target && target.querySelector("details.court-controls");
      if (controls) controls.open = true;
    }
  });
})();
