// The dyad timeline: events per month by type from GET /dyads, cooperation stacked above the axis and
// conflict below, as a hand-written SVG bar chart.

import {h, s, fill, route, message} from "./dom.js";
import {getJSON} from "./api.js";
import {QUADS, QUAD_NAMES, quadOf, sideOf, typeColour} from "./palette.js";

const WIDTH = 960;
const HEIGHT = 380;
const MARGIN = {top: 24, right: 16, bottom: 36, left: 52};
const MAX_MONTHS = 1200;

function monthsBetween(first, last) {
  const months = [];
  let [year, month] = first.split("-").map(Number);
  while (months.length < MAX_MONTHS) {
    const label = `${year}-${String(month).padStart(2, "0")}`;
    months.push(label);
    if (label >= last) break;
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  return months;
}

/** Counts per month and type, the types in stacking order, and the events without a month. */
function aggregate(rows) {
  const byMonth = new Map();
  const types = new Map();
  let undated = 0;
  for (const row of rows) {
    if (!row.month) { undated += row.count; continue; }
    const month = String(row.month).slice(0, 7);
    if (!byMonth.has(month)) byMonth.set(month, new Map());
    const counts = byMonth.get(month);
    counts.set(row.event_type, (counts.get(row.event_type) || 0) + row.count);
    types.set(row.event_type, quadOf(row.event_type, row.quad));
  }
  const order = Object.keys(QUADS);
  const rank = (t) => (order.includes(t) ? order.indexOf(t) : order.length);
  const byQuadThenType = (a, b) => (types.get(a) ?? 9) - (types.get(b) ?? 9) || rank(a) - rank(b)
    || String(a).localeCompare(String(b));
  const sorted = [...types.keys()].sort(byQuadThenType);
  const keys = [...byMonth.keys()].sort();
  const months = keys.length ? monthsBetween(keys[0], keys[keys.length - 1]) : [];
  return {byMonth, types: sorted, quads: types, months, undated};
}

function niceStep(range) {
  const raw = range / 5;
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) || power * 10;
}

function chart(data) {
  const {byMonth, types, quads, months} = data;
  const count = (month, type) => (byMonth.get(month) || new Map()).get(type) || 0;
  const totals = (month, side) => types.filter((t) => side(t)).reduce((n, t) => n + count(month, t), 0);
  const isUp = (t) => sideOf(t, quads.get(t)) !== "conflict";
  const isDown = (t) => sideOf(t, quads.get(t)) === "conflict";
  const maxUp = Math.max(0, ...months.map((m) => totals(m, isUp)));
  const maxDown = Math.max(0, ...months.map((m) => totals(m, isDown)));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const span = maxUp + maxDown || 1;
  const y = (v) => MARGIN.top + ((maxUp - v) / span) * plotH;
  const band = plotW / months.length;
  const barW = Math.max(1, band * 0.72);

  const svg = s("svg", {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "chart timeline-chart", role: "img",
    "aria-labelledby": "timeline-chart-title"},
  s("title", {id: "timeline-chart-title"}, "Events per month by type: cooperation above the axis, conflict below"));
  const step = niceStep(span);
  for (let v = -Math.floor(maxDown / step) * step; v <= maxUp; v += step) {
    svg.append(
      s("line", {x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(v), y2: y(v), class: v === 0 ? "axis" : "grid"}),
      s("text", {x: MARGIN.left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end"}, String(Math.abs(v))));
  }
  svg.append(s("text", {x: MARGIN.left, y: 14, class: "axis-label"}, "▲ cooperation"),
    s("text", {x: MARGIN.left, y: HEIGHT - 4, class: "axis-label"}, "▼ conflict"));
  const every = Math.ceil(months.length / 12);
  months.forEach((month, i) => {
    const x = MARGIN.left + i * band + (band - barW) / 2;
    const counts = byMonth.get(month) || new Map();
    let up = 0;
    let down = 0;
    for (const type of types) {
      const n = counts.get(type) || 0;
      if (!n) continue;
      const [from, to] = isDown(type) ? [-down, -(down += n)] : [up, (up += n)];
      const top = y(Math.max(from, to));
      const side = sideOf(type, quads.get(type));
      svg.append(s("rect", {x, y: top, width: barW, height: Math.max(1, y(Math.min(from, to)) - top),
        fill: typeColour(type), class: `bar side-${side}`, "data-month": month, "data-type": type},
      s("title", {}, `${month} ${type}: ${n} (${side})`)));
    }
    if (i % every === 0) {
      svg.append(s("text", {x: MARGIN.left + i * band + band / 2, y: HEIGHT - MARGIN.bottom + 16, class: "tick",
        "text-anchor": "middle"}, month));
    }
  });
  return svg;
}

function typeLegend(types, quads) {
  return h("ul", {class: "legend type-legend", "aria-label": "Event types"}, types.map((type) => {
    const quad = quads.get(type);
    return h("li", {}, h("span", {class: "swatch", style: `background:${typeColour(type)}`, "aria-hidden": "true"}),
      type, h("span", {class: "muted"}, ` ${QUAD_NAMES[quad] || "no quad class"}`));
  }));
}

function dataTable(data) {
  const {byMonth, months, types, quads} = data;
  const sum = (month, side) => types.filter((t) => sideOf(t, quads.get(t)) === side)
    .reduce((n, t) => n + ((byMonth.get(month) || new Map()).get(t) || 0), 0);
  return h("details", {class: "data-table"}, h("summary", {}, "The counts as a table"),
    h("table", {}, h("caption", {class: "visually-hidden"}, "Events per month"),
      h("thead", {}, h("tr", {}, ["Month", "Cooperation", "Conflict", "Other"].map((c) => h("th", {scope: "col"}, c)))),
      h("tbody", {}, months.map((m) => h("tr", {}, h("th", {scope: "row"}, m),
        ["cooperation", "conflict", "other"].map((side) => h("td", {class: "num"}, String(sum(m, side)))))))));
}

/** The dyads behind the chart, most events first; each sets the chart to that one dyad. */
function dyadTable(rows, ctx) {
  const dyads = new Map();
  for (const row of rows) {
    const key = JSON.stringify([row.source_country, row.target_country]);
    const dyad = dyads.get(key)
      || {source: row.source_country, target: row.target_country, cooperation: 0, conflict: 0, other: 0};
    dyad[sideOf(row.event_type, row.quad)] += row.count;
    dyads.set(key, dyad);
  }
  const total = (d) => d.cooperation + d.conflict + d.other;
  const top = [...dyads.values()].sort((a, b) => total(b) - total(a)).slice(0, 15);
  return h("table", {class: "dyads", id: "dyad-table"},
    h("caption", {}, "Dyads (most events first; choose one to chart it alone)"),
    h("thead", {}, h("tr", {}, ["Dyad", "Cooperation", "Conflict", "Other"].map((c) => h("th", {scope: "col"}, c)))),
    h("tbody", {}, top.map((d) => h("tr", {},
      h("th", {scope: "row"}, d.source && d.target
        ? h("a", {href: route(["timeline"],
          {...ctx.filters, source: d.source, target: d.target, stories: ctx.params.get("stories")})},
          `${d.source} → ${d.target}`)
        : `${d.source || "?"} → ${d.target || "?"}`),
      h("td", {class: "num"}, String(d.cooperation)), h("td", {class: "num"}, String(d.conflict)),
      h("td", {class: "num"}, String(d.other))))));
}

export async function renderTimeline(root, ctx) {
  const stories = ctx.params.get("stories") === "true";
  const box = h("input", {type: "checkbox", id: "timeline-stories", checked: stories});
  box.addEventListener("change", () => ctx.navigate("timeline", {stories: box.checked ? "true" : ""}));
  const f = ctx.filters;
  const dyad = `${f.source || "any source"} → ${f.target || "any target"}`;
  const title = h("h2", {}, f.type ? `${dyad} (${f.type})` : dyad);
  const body = h("div", {}, message("Loading the timeline…"));
  fill(root, h("div", {class: "toolbar"}, title, h("span", {class: "spacer"}), box,
    h("label", {for: "timeline-stories"}, "Count each story once")), body);
  let data;
  try {
    data = await getJSON("dyads", {source: f.source, target: f.target, type: f.type, date_from: f.date_from,
      date_to: f.date_to, stories: stories ? "true" : ""});
  } catch (err) {
    if (ctx.isCurrent()) fill(body, message(err.message, "error"));
    return;
  }
  if (!ctx.isCurrent()) return;
  const agg = aggregate(data.rows);
  const note = agg.undated
    ? message(`${agg.undated} event(s) without a month-precise date are not in the chart.`) : null;
  if (!agg.months.length) {
    fill(body, message("No events with a month-precise date match the filters."), note);
    return;
  }
  fill(body, h("figure", {class: "chart-box"}, chart(agg), h("figcaption", {}, typeLegend(agg.types, agg.quads))),
    note, dataTable(agg), dyadTable(data.rows, ctx));
}
