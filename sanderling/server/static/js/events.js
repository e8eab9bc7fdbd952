// The events table: the filtered events, a page at a time (cursor paging), each row opening its article.

import {h, fill, route, message} from "./dom.js";
import {apiUrl, getJSON} from "./api.js";
import {actorNodes, typeBadge} from "./article.js";

const PAGE_SIZES = [25, 50, 100, 200];
const MAX_PAGE_SIZE = 500;  // the API's limit
const SORTS = [
  ["-date", "newest first"], ["date", "oldest first"], ["event_type", "event type"],
  ["source_country", "source country"], ["target_country", "target country"],
  ["-confidence", "most confident first"], ["confidence", "least confident first"],
];
const HEADERS = ["Date", "Type", "Source", "Target", "CAMEO", "Factuality", "Confidence", "Sentence", "Article"];

function shorten(text, size) {
  if (!text) return "";
  return text.length > size ? `${text.slice(0, size - 1)}…` : text;
}

function eventRow(row) {
  const href = route(["documents", row.doc_id], {event: row.event_id});
  const link = h("a", {href, class: "doc-link", title: `Open the article ${row.doc_id}`}, shorten(row.doc_id, 24));
  const tr = h("tr", {class: "event-row", "data-href": href},
    h("td", {class: "nowrap"}, row.date || "—"),
    h("td", {class: "nowrap"}, typeBadge(row)),
    h("td", {}, actorNodes(row, "source") || "—"),
    h("td", {}, actorNodes(row, "target") || "—"),
    h("td", {}, row.cameo || ""),
    h("td", {}, row.factuality || ""),
    h("td", {class: "num"}, Number.isFinite(row.confidence) ? row.confidence.toFixed(2) : ""),
    h("td", {class: "sentence", title: row.sentence_text || ""}, shorten(row.sentence_text, 140)),
    h("td", {}, link));
  tr.addEventListener("click", (e) => {
    if (!e.target.closest("a")) window.location.hash = href;
  });
  return tr;
}

/** The page size of the route (limit=N), else 50. */
function pageSize(params) {
  const n = Number(params.get("limit"));
  return Number.isInteger(n) && n >= 1 && n <= MAX_PAGE_SIZE ? n : 50;
}

function toolbar(ctx, sort, size) {
  const select = h("select", {id: "events-sort"},
    SORTS.map(([value, label]) => h("option", {value, selected: value === sort}, label)));
  select.addEventListener("change", () => ctx.navigate("events", {sort: select.value === "-date" ? "" : select.value}));
  const sizes = [...new Set([...PAGE_SIZES, size])].sort((a, b) => a - b);
  const perPage = h("select", {id: "events-limit"},
    sizes.map((n) => h("option", {value: n, selected: n === size}, String(n))));
  perPage.addEventListener("change",
    () => ctx.navigate("events", {limit: perPage.value === "50" ? "" : perPage.value}));
  const downloads = ["csv", "jsonl"].map((format) => h("a", {
    class: "button", href: apiUrl("events", {...ctx.filters, sort, format}).href, download: `events.${format}`,
  }, `Download ${format.toUpperCase()}`));
  return h("div", {class: "toolbar"}, h("label", {for: "events-sort"}, "Sort"), select,
    h("label", {for: "events-limit"}, "Per page"), perPage, h("span", {class: "spacer"}), downloads);
}

export function renderEvents(root, ctx) {
  const sort = ctx.params.get("sort") || "-date";
  const size = pageSize(ctx.params);
  const status = h("p", {class: "status", id: "events-status", role: "status"}, "Loading events…");
  const errors = h("div", {class: "errors"});
  const tbody = h("tbody");
  const table = h("table", {class: "events", id: "events-table"},
    h("caption", {class: "visually-hidden"}, "Events matching the filters; a row opens its article"),
    h("thead", {}, h("tr", {}, HEADERS.map((name) => h("th", {scope: "col"}, name)))), tbody);
  const previous = h("button", {type: "button", id: "events-prev", disabled: true}, "← Previous");
  const next = h("button", {type: "button", id: "events-next", disabled: true}, "Next →");
  fill(root, toolbar(ctx, sort, size), errors, status, h("div", {class: "table-wrap"}, table),
    h("div", {class: "pager"}, previous, next));

  const cursors = [""];
  let page = 0;
  async function load(index) {
    previous.disabled = next.disabled = true;
    let data;
    try {
      data = await getJSON("events", {...ctx.filters, sort, limit: size, cursor: cursors[index]});
    } catch (err) {
      if (ctx.isCurrent()) { fill(errors, message(err.message, "error")); fill(status); }
      return;
    }
    if (!ctx.isCurrent()) return;
    page = index;
    cursors[index + 1] = data.next_cursor || null;
    fill(errors);
    fill(tbody, data.events.map(eventRow));
    const first = index * size + 1;
    fill(status, data.events.length
      ? `Events ${first}–${first + data.events.length - 1} of ${data.total}`
      : "No events match the filters.");
    previous.disabled = index === 0;
    next.disabled = !data.next_cursor;
  }
  previous.addEventListener("click", () => load(page - 1));
  next.addEventListener("click", () => load(page + 1));
  load(0);
}
