// Legend check boxes on the article page show or hide each kind of annotation.
// Served from /static (the Content-Security-Policy allows no inline script).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var body = document.getElementById("body");
  if (!body) { return; }
  document.querySelectorAll("#legend input[data-toggle]").forEach(function (box) {
    box.addEventListener("change", function () {
      body.classList.toggle("hide-" + box.dataset.toggle, !box.checked);
    });
  });
});
