// After a refused submit the page comes back with the errors marked where they belong, which on a long page
// or a phone may be screens below where the reload lands. Loaded by base.html on every page: it brings the
// first error into view and puts the cursor in its field (or on the error message when it names no field).
(function () {
  var field = document.querySelector("main .is-invalid, main [aria-invalid=true]");
  var target = field;
  if (!target) {
    target = document.querySelector("main form .alert-danger, main form .invalid-feedback");
    if (target && !target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
    }
  }
  if (!target) {
    return;
  }
  function show() {
    target.scrollIntoView({ block: "center", behavior: "instant" });
    try {
      target.focus({ preventScroll: true });
    } catch (e) {
      target.focus();
    }
  }
  show();
  // Again once images and fonts are in: the layout above the error may have grown meanwhile.
  if (document.readyState !== "complete") {
    window.addEventListener("load", function () {
      if (document.activeElement === target && window.scrollY === scrolled) {
        show();
      }
    });
  }
  var scrolled = window.scrollY;
})();
