// runlift review page: small enhancements only; the page reads fully without them.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Copy a command (file:// pages may not get the clipboard: then select it instead).
  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var node = document.getElementById(button.getAttribute("data-copy"));
      var done = function (label) {
        button.textContent = label;
        window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
      };
      var fallback = function () { select(node); done("Selected"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(node.textContent).then(function () { done("Copied"); }, fallback);
      } else {
        fallback();
      }
    });
  });

  // Ticking a rule adds its --reject to the command.
  var command = document.getElementById("accept-cmd");
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-reject]"));
  function update() {
    var text = command.getAttribute("data-base");
    boxes.forEach(function (box) {
      if (box.checked) { text += " --reject " + box.getAttribute("data-reject"); }
    });
    command.textContent = text;
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });

  // A chart's values under it, on hover (mouse) or on tap (phone).
  function show(event) {
    var mark = event.target.closest ? event.target.closest("[data-tip]") : null;
    if (!mark) { return; }
    var figure = mark.closest("figure");
    var out = figure ? figure.querySelector(".tip") : null;
    if (out) { out.textContent = mark.getAttribute("data-tip"); }
  }
  document.addEventListener("pointerover", show);
  document.addEventListener("click", show);

  // A rule's tag opens its change (message and evidence).
  function open(hash) {
    var target = hash ? document.getElementById(hash.slice(1)) : null;
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  document.addEventListener("click", function (event) {
    var tag = event.target.closest ? event.target.closest("a.tag") : null;
    if (tag) { open(tag.getAttribute("href")); }
  });
  open(window.location.hash);
})();
