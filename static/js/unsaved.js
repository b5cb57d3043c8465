// No lost words, on every page (loaded by base.html after the page's own scripts, so a submission cancelled
// at its confirmation keeps the input unsaved). Forms marked js-unsaved:
// - warn before leaving while they hold typed, unsent input;
// - keep that input in the browser (sessionStorage, keyed by page, form and field) while another form of the
//   page is sent — an upload, a "Kembalikan", a "Konfirmasi" — and restore it after the page comes back,
//   marked "Draf belum disimpan" so the person knows to save it.
// A form's own entries are dropped when that form is sent: the server then keeps or saves what it received
// (on an error it renders the typed values itself). An entry is restored only onto the value the page had
// when it was typed, so a value the server changed since is never overwritten.
(function () {
  // The page is named by where its forms post, not by its address: an action refused by the server shows the
  // same page again at the action's own URL (one URL per action), and what was typed in the page's other
  // forms must come back there too.
  function pageKey() {
    var actions = Array.prototype.map
      .call(document.querySelectorAll("form.js-unsaved"), function (form) {
        return form.getAttribute("action") || "";
      })
      .filter(function (action) {
        return action !== "";
      })
      .sort();
    return actions.length ? actions.join(",") : window.location.pathname;
  }
  var PREFIX = "draf:" + pageKey() + "|";
  var dirty = [];
  var store;
  try {
    store = window.sessionStorage;
  } catch (e) {
    store = null;
  }

  function watchedForm(element) {
    var form = element && element.form;
    return form && form.classList.contains("js-unsaved") ? form : null;
  }

  function formKey(form) {
    if (form.id) {
      return form.id;
    }
    var forms = Array.prototype.filter.call(document.forms, function (f) {
      return f.classList.contains("js-unsaved");
    });
    return "f" + forms.indexOf(form);
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "hidden" && el.type !== "file" && el.type !== "submit" && el.type !== "button"
        && el.name !== "csrfmiddlewaretoken";
    });
  }

  function fieldKey(form, el) {
    // Radios share a name: keyed by name and value; other same-named fields by their position.
    if (el.type === "radio") {
      return PREFIX + formKey(form) + "|" + el.name + "=" + el.value;
    }
    var same = fields(form).filter(function (f) { return f.name === el.name; });
    return PREFIX + formKey(form) + "|" + el.name + "#" + same.indexOf(el);
  }

  function valueOf(el) {
    return el.type === "checkbox" || el.type === "radio" ? (el.checked ? "1" : "") : el.value;
  }

  function setValue(el, value) {
    if (el.type === "checkbox" || el.type === "radio") {
      el.checked = value === "1";
    } else {
      el.value = value;
    }
  }

  // The value each field had when the page was rendered: the base an entry is restored onto.
  var initial = new Map();

  function remember(event) {
    var form = watchedForm(event.target);
    if (!form) {
      return;
    }
    if (dirty.indexOf(form) < 0) {
      dirty.push(form);
    }
    if (!store) {
      return;
    }
    var targets = event.target.type === "radio" ? fields(form).filter(function (f) {
      return f.type === "radio" && f.name === event.target.name;
    }) : [event.target];
    targets.forEach(function (el) {
      try {
        store.setItem(fieldKey(form, el), JSON.stringify({ awal: initial.get(el), nilai: valueOf(el) }));
      } catch (e) { /* storage full or refused: the leave warning still holds */ }
    });
  }

  function forget(form) {
    if (!store) {
      return;
    }
    var prefix = PREFIX + formKey(form) + "|";
    var keys = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(prefix) === 0) {
        keys.push(key);
      }
    }
    keys.forEach(function (key) { store.removeItem(key); });
  }

  function markRestored(form) {
    if (form.querySelector(".draf-dipulihkan")) {
      return;
    }
    var note = document.createElement("p");
    note.className = "draf-dipulihkan alert alert-warning small py-1 px-2 mb-2";
    note.setAttribute("role", "status");
    note.textContent = "Draf belum disimpan: isian Anda sebelumnya dipulihkan. Simpan agar tidak hilang.";
    form.insertBefore(note, form.firstChild);
  }

  function restore() {
    Array.prototype.forEach.call(document.forms, function (form) {
      if (!form.classList.contains("js-unsaved")) {
        return;
      }
      var restored = false;
      fields(form).forEach(function (el) {
        initial.set(el, valueOf(el));
        if (!store) {
          return;
        }
        var raw = store.getItem(fieldKey(form, el));
        if (raw === null) {
          return;
        }
        var entry;
        try {
          entry = JSON.parse(raw);
        } catch (e) {
          store.removeItem(fieldKey(form, el));
          return;
        }
        if (entry.awal !== valueOf(el)) {
          store.removeItem(fieldKey(form, el));  // the server's value changed since: it wins
          return;
        }
        if (entry.nilai !== valueOf(el)) {
          setValue(el, entry.nilai);
          restored = true;
        }
      });
      if (restored) {
        markRestored(form);
        dirty.push(form);
      }
    });
  }

  document.addEventListener("input", remember);
  document.addEventListener("change", remember);
  document.addEventListener("submit", function (event) {
    if (!event.defaultPrevented && event.target.classList && event.target.classList.contains("js-unsaved")) {
      dirty = dirty.filter(function (form) { return form !== event.target; });
      forget(event.target);
    }
  });
  window.addEventListener("beforeunload", function (event) {
    // Another form of the page being sent is not leaving: the input is kept in the browser.
    if (dirty.length && !sending) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  var sending = false;
  document.addEventListener("submit", function (event) {
    if (!event.defaultPrevented) {
      sending = true;
    }
  });
  window.addEventListener("pageshow", function () { sending = false; });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restore);
  } else {
    restore();
  }
})();
