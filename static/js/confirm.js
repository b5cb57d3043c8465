// Irreversible acts ask for confirmation, saying what will be locked: data-confirm on the form
// (class js-confirm), or on the button pressed when one form has several acts (e.g. "Ajukan").
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  var text = button && button.getAttribute ? button.getAttribute("data-confirm") : null;
  if (!text && form.classList && form.classList.contains("js-confirm")) {
    text = form.getAttribute("data-confirm");
  }
  if (text && !window.confirm(text)) {
    event.preventDefault();
  }
});
