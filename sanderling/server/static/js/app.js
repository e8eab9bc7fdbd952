// The explorer's entry point: hash routes (#/events, #/timeline, #/network, #/paste, #/documents/ID),
// the shared filter form, whose values live in the route so that every view can be linked to.

import {h, fill, route, message} from "./dom.js";
import {getJSON} from "./api.js";
import {renderEvents} from "./events.js";
import {renderTimeline} from "./timeline.js";
import {renderNetwork} from "./network.js";
import {renderPaste} from "./paste.js";
import {renderArticle} from "./document.js";

const FILTER_KEYS = ["source", "target", "sector", "type", "cameo", "date_from", "date_to", "factuality", "q"];
const VIEWS = {events: renderEvents, timeline: renderTimeline, network: renderNetwork, paste: renderPaste};
const STORE_VIEWS = ["events", "timeline", "network"];

const state = {meta: null, token: 0, lastList: "#/events"};
const form = document.getElementById("filters");
const view = document.getElementById("view");

function parseHash() {
  const raw = window.location.hash.replace(/^#\/?/, "");
  const at = raw.indexOf("?");
  const path = at === -1 ? raw : raw.slice(0, at);
  const parts = path.split("/").filter(Boolean).map((p) => {
    try { return decodeURIComponent(p); } catch { return p; }
  });
  return {parts, params: new URLSearchParams(at === -1 ? "" : raw.slice(at + 1))};
}

function filtersOf(params) {
  const filters = {};
  for (const key of FILTER_KEYS) if (params.get(key)) filters[key] = params.get(key);
  return filters;
}

function showFilters(params, visible) {
  form.hidden = !visible;
  for (const key of FILTER_KEYS) form.elements[key].value = params.get(key) || "";
}

function markTab(name, params) {
  const filters = filtersOf(params);
  for (const tab of document.querySelectorAll(".tabs a")) {
    const target = tab.dataset.view;
    tab.setAttribute("href", route([target], STORE_VIEWS.includes(target) ? filters : {}));
    if (target === name) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
}

function context(params) {
  const token = ++state.token;
  const filters = filtersOf(params);
  return {
    params, filters, meta: state.meta, backHref: state.lastList,
    isCurrent: () => token === state.token,
    /** Go to a view keeping the filters; `extra` adds or (with "") drops view options. */
    navigate(name, extra = {}) {
      const options = Object.fromEntries([...params].filter(([k]) => !FILTER_KEYS.includes(k)));
      window.location.hash = route([name], {...options, ...filters, ...extra});
    },
  };
}

function render() {
  const {parts, params} = parseHash();
  const noStore = state.meta === null;
  let name = parts[0] || (noStore ? "paste" : "events");
  if (noStore && name !== "paste") name = "paste";
  const ctx = context(params);
  if (name === "documents" && parts[1] !== undefined) {
    showFilters(params, false);
    markTab(null, params);
    renderArticle(view, ctx, parts[1], params.get("event"));
    return;
  }
  if (!VIEWS[name]) name = "events";
  if (STORE_VIEWS.includes(name)) state.lastList = window.location.hash || "#/events";
  showFilters(params, STORE_VIEWS.includes(name));
  markTab(name, params);
  VIEWS[name](view, ctx);
}

function applyFilters(event) {
  event.preventDefault();
  const {parts, params} = parseHash();
  const name = STORE_VIEWS.includes(parts[0]) ? parts[0] : "events";
  const next = Object.fromEntries([...params].filter(([k]) => !FILTER_KEYS.includes(k)));
  for (const key of FILTER_KEYS) {
    const value = form.elements[key].value.trim();
    if (value) next[key] = value;
  }
  window.location.hash = route([name], next);
}

function clearFilters(event) {
  event.preventDefault();
  const {parts} = parseHash();
  window.location.hash = route([STORE_VIEWS.includes(parts[0]) ? parts[0] : "events"]);
}

function choices(select, values) {
  if (!values || !values.length) return;
  fill(select, h("option", {value: ""}, "any"), values.map((v) => h("option", {value: v}, v)));
}

/** The filter choices from what the store holds (GET /meta). */
function fillChoices(meta) {
  fill(document.getElementById("country-list"), (meta.countries || []).map((c) => h("option", {value: c})));
  choices(form.elements.type, meta.types);
  choices(form.elements.sector, meta.sectors);
  choices(form.elements.factuality, meta.factuality);
}

function summaryText(meta) {
  const parts = ["documents", "events", "stories"].filter((key) => Number.isFinite(meta[key]))
    .map((key) => `${meta[key].toLocaleString("en")} ${key}`);
  if (meta.date_min && meta.date_max) parts.push(`${meta.date_min} to ${meta.date_max}`);
  if (meta.allow_write) parts.push("writable");
  return parts.join(" · ");
}

async function start() {
  try {
    state.meta = await getJSON("meta");
    fillChoices(state.meta);
    fill(document.getElementById("summary"), summaryText(state.meta));
  } catch (err) {
    state.meta = null;
    const notice = document.getElementById("notice");
    notice.hidden = false;
    // A 404 says the server has no store, and what to do; anything else is a failure worth showing as it is.
    fill(notice, err.status === 404 ? err.message
      : `The store cannot be read (${err.message}); Code text may still work.`);
    for (const name of STORE_VIEWS) document.getElementById(`tab-${name}`).setAttribute("aria-disabled", "true");
  }
  form.addEventListener("submit", applyFilters);
  form.addEventListener("reset", clearFilters);
  window.addEventListener("hashchange", render);
  render();
}

start().catch((err) => fill(view, message(`The explorer failed to start: ${err.message}`, "error")));
