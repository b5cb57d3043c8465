// A download that is composed on request (a draft's PDF: WeasyPrint lays it out, 2–15 s for a long LKIP)
// says so while it is made, instead of a link that seems to do nothing: links marked data-unduh-lambat are
// fetched here, the link shows "Menyusun PDF…" (aria-busy) until the file arrives, then the browser saves
// it under the name the server gave. A refusal (the server answers a page, not the file) is followed as
// a normal visit, so its message is shown.
(function () {
  function fileName(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var star = /filename\*=UTF-8''([^;]+)/i.exec(header);
    if (star) {
      return decodeURIComponent(star[1]);
    }
    var plain = /filename="?([^";]+)"?/i.exec(header);
    return plain ? plain[1] : fallback;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-unduh-lambat]") : null;
    if (!link || !window.fetch || !window.URL || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") {
      return;
    }
    var label = link.textContent;
    link.setAttribute("aria-busy", "true");
    link.classList.add("disabled");
    link.textContent = link.getAttribute("data-unduh-lambat") || "Menyusun PDF…";

    function restore() {
      link.removeAttribute("aria-busy");
      link.classList.remove("disabled");
      link.textContent = label;
    }

    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("text/html") === 0) {
          window.location.href = link.href; // visited again, so its message is shown
          return null;
        }
        return response.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var save = document.createElement("a");
          save.href = url;
          save.download = fileName(response, "dokumen.pdf");
          document.body.appendChild(save);
          save.click();
          save.remove();
          window.setTimeout(function () {
            URL.revokeObjectURL(url);
          }, 10000);
        });
      })
      .catch(function () {
        window.location.href = link.href;
      })
      .finally(restore);
  });
})();
