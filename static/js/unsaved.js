// No lost words: a page whose forms marked js-unsaved hold typed, unsent input warns before leaving.
// Include after confirm.js, so a submission cancelled at its confirmation keeps the input marked unsaved.
(function () {
  var dirty = [];

  function watchedForm(element) {
    var form = element && element.form;
    return form && form.classList.contains("js-unsaved") ? form : null;
  }

  function mark(event) {
    var form = watchedForm(event.target);
    if (form && dirty.indexOf(form) < 0) {
      dirty.push(form);
    }
  }

  document.addEventListener("input", mark);
  document.addEventListener("change", mark);
  document.addEventListener("submit", function (event) {
    if (!event.defaultPrevented) {
      dirty = dirty.filter(function (form) { return form !== event.target; });
    }
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty.length) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
