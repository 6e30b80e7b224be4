// ABK & Anjab form: keep what is typed in this browser until the server has it.
// Progressive enhancement only: the form works without this file.
(function () {
  "use strict";
  var form = document.getElementById("anjab-form");
  if (!form || !window.localStorage) return;
  var key = form.dataset.draftKey;
  var version = form.dataset.draftVersion;
  var notice = document.getElementById("abk-draft-notice");
  var dirty = false;
  var timer = null;

  function read() {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function save() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") pairs.push([name, value]);
    });
    try {
      localStorage.setItem(key, JSON.stringify({ version: version, saved: Date.now(), pairs: pairs }));
    } catch (e) { /* storage full or disabled: the server copy is still the reference */ }
  }
  function discard() { localStorage.removeItem(key); }

  var stored = read();
  if (stored && stored.version !== version) {
    // The server has a newer save than the one this draft started from: the draft is stale.
    discard();
    stored = null;
  }
  if (stored && form.dataset.bound === "0" && notice) {
    notice.classList.remove("is-hidden");
  }
  if (notice) {
    notice.querySelector("[data-draft-discard]").addEventListener("click", function () {
      discard();
      notice.classList.add("is-hidden");
    });
    notice.querySelector("[data-draft-restore]").addEventListener("click", function () {
      // Post the stored values back to the server, which re-renders them without saving.
      var data = read();
      if (!data) return;
      var restore = document.createElement("form");
      restore.method = "post";
      restore.action = form.action;
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      data.pairs.concat([["csrfmiddlewaretoken", token ? token.value : ""], ["pulihkan", "1"]])
        .forEach(function (pair) {
          var input = document.createElement("input");
          input.type = "hidden";
          input.name = pair[0];
          input.value = pair[1];
          restore.appendChild(input);
        });
      document.body.appendChild(restore);
      restore.submit();
    });
  }

  // A live-preview request whose session has ended is answered by the login page: do not put
  // that page into the form; say what happened instead (the typing is kept in this browser).
  document.body.addEventListener("htmx:beforeSwap", function (e) {
    var xhr = e.detail.xhr;
    var target = e.detail.target;
    if (!target || target.id !== "abk-preview" || !xhr.responseURL) return;
    // Compare the path only: the login page's address carries ?next=.../hitung/.
    if (!/\/hitung\/$/.test(new URL(xhr.responseURL).pathname)) {
      e.detail.shouldSwap = false;
      save();
      target.classList.add("abk-restore");
      target.textContent = "Sesi Anda telah berakhir. Isian tetap tersimpan di peramban ini: " +
        "masuk kembali, lalu buka formulir ini dan pilih “Pulihkan isian”.";
    }
  });

  // "Tambah baris" without a round trip: copy the section's empty row from its <template>.
  // Without JavaScript the button posts the form and the server adds the row.
  form.addEventListener("click", function (e) {
    var button = e.target.closest("button[name=tambah]");
    if (!button) return;
    var prefix = button.value;
    var template = document.getElementById("baris-baru-" + prefix);
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var body = document.querySelector("#bagian-" + prefix + " tbody");
    if (!template || !total || !body) return;
    e.preventDefault();
    var index = parseInt(total.value, 10) || 0;
    body.insertAdjacentHTML(
      "beforeend",
      template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__num__/g, String(index + 1))
    );
    total.value = String(index + 1);
    var first = body.lastElementChild.querySelector("textarea, input:not([type=hidden]), select");
    if (first) first.focus();
    changed();
  });

  function changed() {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 600);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { save(); dirty = false; });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });
})();
