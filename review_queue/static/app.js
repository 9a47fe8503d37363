// poflow review app: keyboard and page-box behaviour. No inline scripts (the CSP forbids
// them); everything here is attached by event delegation so HTMX-swapped forms keep working.
"use strict";

(function () {
  let lastField = null;

  function flaggedInputs() {
    return Array.from(document.querySelectorAll("#order-form input.flagged[data-field]"));
  }

  function highlight(field) {
    document.querySelectorAll(".active").forEach((el) => el.classList.remove("active"));
    if (!field) return;
    document.querySelectorAll('[data-field="' + CSS.escape(field) + '"]').forEach((el) => {
      if (el.tagName !== "LI") el.classList.add("active");
    });
    const box = document.querySelector('rect.box[data-field="' + CSS.escape(field) + '"]');
    if (box && box.scrollIntoView) box.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  document.addEventListener("focusin", (event) => {
    const input = event.target.closest && event.target.closest("#order-form input[data-field]");
    if (input) {
      lastField = input.dataset.field;
      highlight(lastField);
    }
  });

  document.addEventListener("click", (event) => {
    const box = event.target.closest && event.target.closest("rect.box[data-field]");
    if (box) {
      const input = document.querySelector('#order-form input[data-field="' + CSS.escape(box.dataset.field) + '"]');
      if (input) input.focus();
      highlight(box.dataset.field);
    }
  });

  document.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      const approve = document.getElementById("approve");
      if (approve) {
        event.preventDefault();
        approve.click();
      }
      return;
    }
    if (event.key !== "Tab" || !event.target.closest || !event.target.closest("#order-form")) return;
    const flagged = flaggedInputs();
    if (flagged.length === 0) return;
    event.preventDefault();
    const all = Array.from(document.querySelectorAll("#order-form input[data-field]"));
    const here = all.indexOf(event.target);
    const step = event.shiftKey ? -1 : 1;
    for (let i = 1; i <= all.length; i++) {
      const next = all[(here + step * i + all.length * 2) % all.length];
      if (next.classList.contains("flagged")) {
        next.focus();
        next.select();
        return;
      }
    }
  });

  // A new message replaces the old one; a successful edit clears it.
  document.addEventListener("htmx:afterRequest", (event) => {
    const box = document.getElementById("messages");
    if (box && event.detail.successful && event.detail.xhr.status < 300) box.textContent = "";
  });

  // After the rules re-ran (the form was swapped), go on to the next flagged field.
  document.addEventListener("htmx:afterSwap", (event) => {
    if (!event.detail.target || event.detail.target.id !== "order-form") return;
    const form = document.getElementById("order-form");
    const flagged = flaggedInputs();
    const same = lastField && form.querySelector('input[data-field="' + CSS.escape(lastField) + '"]');
    const target = (same && same.classList.contains("flagged")) ? same : flagged[0];
    if (target) {
      target.focus();
      target.select();
    } else {
      const approve = document.getElementById("approve");
      if (approve) approve.focus();
    }
  });

  // An error answer (422 for a bad value) still carries the re-rendered form: show it.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const retarget = event.detail.xhr.getResponseHeader("HX-Retarget");
    if (event.detail.xhr.status === 422 || (event.detail.xhr.status >= 400 && retarget)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
