// The paste box: POST /code with a text (and its publication date), then the text highlighted with the
// events beside their sentences. Codes again as the text changes, dropping answers that arrive late.

import {h, fill, message} from "./dom.js";
import {postJSON} from "./api.js";
import {flattenEvent, renderDocument} from "./article.js";

const TYPING_PAUSE_MS = 700;
const draft = {text: "", date: "", live: true};
let sent = 0;

async function code(form, status, result, store) {
  const text = form.elements.text.value;
  if (!text.trim()) {
    fill(status, "Paste or type a news text above.");
    fill(result);
    return;
  }
  const body = {text, id: "pasted"};
  if (form.elements.date.value) body.date = form.elements.date.value;
  if (store) body.store = true;
  const mine = ++sent;
  fill(status, "Coding…");
  let data;
  try {
    data = await postJSON("code", body);
  } catch (err) {
    if (mine === sent) { fill(status); fill(result, message(err.message, "error")); }
    return;
  }
  if (mine !== sent) return;
  const doc = data.documents[0];
  if (doc.error) {
    fill(status);
    fill(result, message(doc.error, "error"));
    return;
  }
  const events = doc.events.map(flattenEvent);
  fill(status, `${events.length} event${events.length === 1 ? "" : "s"} coded${body.store ? " and stored" : ""}.`);
  renderDocument(result, {text, events});
}

export function renderPaste(root, ctx) {
  const textarea = h("textarea", {id: "paste-text", name: "text", rows: 8, required: true,
    placeholder: "Kenya's foreign minister arrived in Addis Ababa on Tuesday for talks with Ethiopian officials."});
  textarea.value = draft.text;
  const date = h("input", {id: "paste-date", name: "date", type: "date", value: draft.date});
  const live = h("input", {id: "paste-live", type: "checkbox", checked: draft.live});
  const storeBox = ctx.meta && ctx.meta.allow_write ? h("input", {id: "paste-store", type: "checkbox"}) : null;
  const status = h("p", {class: "status", id: "paste-status", role: "status"});
  const result = h("div", {id: "paste-result", class: "paste-result"});
  const form = h("form", {id: "paste-form", class: "paste-form"},
    h("label", {for: "paste-text"}, "News text"), textarea,
    h("div", {class: "row"},
      h("label", {for: "paste-date"}, "Publication date (optional; resolves “on Monday”)"), date,
      live, h("label", {for: "paste-live"}, "Code as I type"),
      storeBox, storeBox ? h("label", {for: "paste-store"}, "Save to the store") : null,
      h("span", {class: "spacer"}),
      h("button", {type: "submit", id: "paste-submit"}, "Code text")));
  let timer = null;
  const run = (store = false) => code(form, status, result, store);
  // Only the button stores (with --allow-write): coding as one types never writes a draft.
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    run(Boolean(storeBox && storeBox.checked));
  });
  form.addEventListener("input", (e) => {
    Object.assign(draft, {text: textarea.value, date: date.value, live: live.checked});
    if (e.target === live || !live.checked || e.target === storeBox) return;
    clearTimeout(timer);
    timer = setTimeout(() => run(), TYPING_PAUSE_MS);
  });
  fill(root, h("h2", {}, "Code a text"), form, status, result);
  if (draft.text.trim()) run();
}
