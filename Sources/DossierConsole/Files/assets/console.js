// Dossier console: small enhancements only; every page works without this script.
// "/" focuses the search box (unless typing in a field, or the user turned single-key
// shortcuts off on their account page); Escape leaves it.
document.addEventListener("keydown", function (event) {
  var box = document.getElementById("search-box");
  if (!box) return;
  var target = event.target;
  var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable);
  var shortcuts = document.body.getAttribute("data-shortcuts") !== "off";
  if (shortcuts && event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    box.focus();
    box.select();
  } else if (event.key === "Escape" && target === box) {
    box.blur();
  }
});
// A file input with data-sha256-target fills that field with the chosen file's SHA-256
// (and data-name-target with its name), computed in the browser: the file is not sent.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input || input.type !== "file" || !input.getAttribute("data-sha256-target")) return;
  var target = document.getElementById(input.getAttribute("data-sha256-target"));
  var name = document.getElementById(input.getAttribute("data-name-target") || "");
  var file = input.files && input.files[0];
  if (!target || !file || !window.crypto || !window.crypto.subtle) return;
  if (name) name.value = file.name;
  file.arrayBuffer().then(function (bytes) {
    return window.crypto.subtle.digest("SHA-256", bytes);
  }).then(function (digest) {
    target.value = Array.prototype.map.call(new Uint8Array(digest), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  });
});
// An <output data-sum-of="FORM-ID"> shows the sum of the data-points of the boxes ticked
// in that form (a review's score as it will be stored).
function dossierSums() {
  Array.prototype.forEach.call(document.querySelectorAll("output[data-sum-of]"), function (output) {
    var form = document.getElementById(output.getAttribute("data-sum-of"));
    if (!form) return;
    var sum = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox][data-points]"), function (box) {
      if (box.checked) sum += parseInt(box.getAttribute("data-points"), 10) || 0;
    });
    output.textContent = "(now " + sum + ")";
  });
}
document.addEventListener("change", dossierSums);
document.addEventListener("DOMContentLoaded", dossierSums);
