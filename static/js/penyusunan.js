// The report page follows the background rendering of a submitted file (laporan/penyusunan.py): it asks
// the status every two seconds, shows the stage and the seconds passed, and reloads once the file is
// ready or the rendering failed (the page then shows the file, or the reason and "Susun ulang naskah").
(function () {
  var card = document.getElementById("penyusunan");
  if (!card) {
    return;
  }
  var status = card.getAttribute("data-penyusunan");
  if (status !== "antri" && status !== "berjalan") {
    return;
  }
  var url = card.getAttribute("data-status-url");
  var label = card.querySelector("[data-penyusunan-label]");
  var bar = card.querySelector("[data-penyusunan-bar]");

  function show(data) {
    if (data.status !== "antri" && data.status !== "berjalan") {
      window.location.reload();
      return;
    }
    var detik = data.status === "berjalan" ? data.berjalan_detik : data.menunggu_detik;
    label.textContent = data.label + (detik ? " — " + detik + " detik" : "") + "…";
    card.setAttribute("data-penyusunan", data.status);
    var tertahan = card.querySelector("[data-penyusunan-tertahan]");
    if (tertahan) {
      tertahan.classList.toggle("d-none", !(data.status === "antri" && data.menunggu_detik > 120));
    }
    bar.classList.toggle("w-75", data.status === "berjalan");
    bar.classList.toggle("w-25", data.status === "antri");
    card.querySelectorAll("[data-langkah]").forEach(function (item) {
      if (item.getAttribute("data-langkah") === data.status) {
        item.setAttribute("aria-current", "step");
      } else {
        item.removeAttribute("aria-current");
      }
    });
  }

  function ask() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data) {
          show(data);
        }
      })
      .catch(function () {})
      .finally(function () {
        window.setTimeout(ask, 2000);
      });
  }
  window.setTimeout(ask, 1000);
})();
