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

// Slow acts (signing, submitting: a PDF is rendered or signed) are sent once: the button pressed is
// disabled and says so while the server works. After the submit event, so its name/value still go out.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  if (event.defaultPrevented || !button || !form.classList || !form.classList.contains("js-sekali")) {
    return;
  }
  window.setTimeout(function () {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    button.textContent = button.getAttribute("data-sedang") || "Memproses…";
  }, 0);
});
// Coming back through the browser's history shows the page as it was left: enable the buttons again.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form.js-sekali [aria-busy=true]").forEach(function (button) {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  });
});
