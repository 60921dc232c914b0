// Places finding markers over page thumbnails. The Content-Security-Policy
// forbids style attributes, so positions travel in data-* attributes (percent
// of the page) and are applied through the CSSOM, which the policy allows.
(function () {
  "use strict";

  function place(marker) {
    ["left", "top", "width", "height"].forEach(function (name) {
      var value = parseFloat(marker.getAttribute("data-" + name));
      if (!isNaN(value)) marker.style[name] = value + "%";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".marker[data-left]").forEach(place);
  });
})();
