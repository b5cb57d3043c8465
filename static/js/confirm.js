// Irreversible acts ask for confirmation, saying what will be locked (data-confirm on the form).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.classList && form.classList.contains("js-confirm")) {
    if (!window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  }
});
