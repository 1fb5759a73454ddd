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
