// "Cetak" buttons (data-cetak): print the page (the receipt). No inline script: the CSP forbids it.
document.querySelectorAll("[data-cetak]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
