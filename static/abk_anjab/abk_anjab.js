// ABK & Anjab form: keep what is typed on the server as a draft, show each section's progress,
// add rows without a round trip. Progressive enhancement only: the form works without this
// file (every save button posts the form; the server adds rows and keeps drafts).
(function () {
  "use strict";
  var form = document.getElementById("anjab-form");
  if (!form) return;
  var draftUrl = form.dataset.draftUrl;
  var status = document.getElementById("abk-draft-status");
  var ended = document.getElementById("abk-session-ended");
  var pending = false;   // typed since the last draft the server confirmed
  var timer = null;
  var inflight = null;

  // --- Server draft, as the user types (debounced). A session that ends while the page is
  // open is answered through the form's draft token: the typing is still kept.
  function say(text) { if (status) status.textContent = text; }

  function saveDraft() {
    clearTimeout(timer);
    if (inflight) { timer = setTimeout(saveDraft, 500); return inflight; }
    var body = new FormData(form);
    pending = false;
    inflight = fetch(draftUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (answer.sesi === "berakhir") {
          if (ended) ended.classList.remove("is-hidden");
          if (!answer.aman) pending = true;
          say(answer.aman ? "Sesi berakhir; isian Anda aman di server." : "Sesi berakhir.");
        } else if (response.ok && answer.pesan) {
          say(answer.pesan);
        } else {
          pending = true;
          say("Draf belum tersimpan di server; coba lagi sebentar.");
        }
      });
    }).catch(function () {
      pending = true;
      say("Tidak tersambung ke server; draf belum tersimpan.");
    }).then(function () { inflight = null; });
    return inflight;
  }

  function changed() {
    pending = true;
    clearTimeout(timer);
    timer = setTimeout(saveDraft, 1200);
    progress();
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { pending = false; clearTimeout(timer); });
  window.addEventListener("beforeunload", function (e) {
    if (pending) { e.preventDefault(); e.returnValue = ""; }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && pending) saveDraft();
  });

  // --- Progress of the section index: the server's rule (abk_anjab/sections.py), live.
  var bar = document.getElementById("abk-progress");
  var count = document.querySelector("[data-progress-count]");
  function filled(section) {
    var inputs = section.querySelectorAll("[data-counts]");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.closest("template")) continue;
      var row = input.closest("[data-row]");
      var del = row && row.querySelector("input[name$='-DELETE']");
      if (del && del.checked) continue;
      if (input.type === "checkbox" ? input.checked : input.value.trim() !== "") return true;
    }
    return false;
  }
  function progress() {
    var done = 0;
    document.querySelectorAll("[data-section]").forEach(function (section) {
      var key = section.dataset.section;
      var isFilled = filled(section);
      if (isFilled) done++;
      var item = document.querySelector("[data-index-for='" + key + "']");
      if (!item || item.classList.contains("has-errors")) return;
      var required = item.dataset.required === "1";
      item.classList.toggle("is-filled", isFilled);
      item.classList.toggle("is-missing", !isFilled && required);
      item.querySelector("[data-state]").textContent =
        isFilled ? "terisi" : (required ? "wajib, kosong" : "kosong");
    });
    if (bar) bar.value = done;
    if (count) count.textContent = String(done);
  }
  // A live-preview request whose session has ended is answered by the login page: do not put
  // that page into the form; say what happened instead, and keep the typing on the server.
  document.body.addEventListener("htmx:beforeSwap", function (e) {
    var xhr = e.detail.xhr;
    var target = e.detail.target;
    if (!target || target.id !== "abk-preview" || !xhr.responseURL) return;
    // Compare the path only: the login page's address carries ?next=.../hitung/.
    if (!/\/hitung\/$/.test(new URL(xhr.responseURL).pathname)) {
      e.detail.shouldSwap = false;
      saveDraft();
      target.classList.add("abk-restore");
      target.textContent = "Sesi Anda telah berakhir. Isian Anda aman di server: " +
        "masuk kembali, lalu lanjutkan di formulir ini.";
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
    var body = document.querySelector("[data-rows='" + prefix + "']");
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
})();
