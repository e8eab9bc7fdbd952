// A text with its actor, trigger, location (and date) spans highlighted, laid out sentence by sentence
// with the events each sentence produced beside it. Used by the article view and the paste box.

import {h, fill} from "./dom.js";
import {typeColour, sideOf} from "./palette.js";

export const SPAN_KINDS = ["source", "target", "trigger", "location", "date"];
const KIND_HELP = {
  source: "the actor who acts", target: "the actor acted on", trigger: "the words of the event",
  location: "where it happened", date: "when it happened",
};

/** Spans of flat event rows (source_start, source_end, ...), in the shape GET /documents gives. */
export function spansFromEvents(events) {
  const spans = [];
  for (const event of events) {
    for (const kind of SPAN_KINDS) {
      const start = event[`${kind}_start`];
      const end = event[`${kind}_end`];
      if (Number.isInteger(start) && Number.isInteger(end) && end > start) {
        spans.push({start, end, kind, event_id: event.event_id, label: event[`${kind}_text`]});
      }
    }
  }
  return spans;
}

/** A flat row (the events table's columns) from an Event.to_dict() record of POST /code. */
export function flattenEvent(event) {
  const row = {
    doc_id: event.doc_id, event_id: event.event_id, sentence: event.sentence, event_type: event.event_type,
    mode: event.mode, context: (event.context || []).join(";"), cameo: event.cameo, date: event.date,
    date_precision: event.date_precision, date_text: event.date_text, factuality: event.factuality,
    confidence: event.confidence, sentence_text: event.sentence_text,
  };
  for (const role of ["source", "target"]) {
    const actor = event[role] || {};
    for (const key of ["text", "name", "country", "sector", "code", "start", "end"]) {
      row[`${role}_${key}`] = actor[key] ?? null;
    }
  }
  const trigger = event.trigger || {};
  for (const key of ["text", "start", "end"]) row[`trigger_${key}`] = trigger[key] ?? null;
  const location = event.location || {};
  for (const key of ["name", "country", "lat", "lon", "geonameid", "text", "start", "end"]) {
    row[`location_${key}`] = location[key] ?? null;
  }
  return row;
}

/** Offsets from the API count code points (Python strings); JS strings count UTF-16 units. */
function unitMapper(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const units = [];
  let unit = 0;
  for (const ch of text) {
    units.push(unit);
    unit += ch.length;
  }
  units.push(unit);
  return (i) => units[Math.max(0, Math.min(i, units.length - 1))];
}

function inUnits(spans, toUnit) {
  return spans.map((span) => ({...span, start: toUnit(span.start), end: toUnit(span.end)}));
}

/** Where the event's sentence is in the text: the occurrence of its sentence_text holding its trigger,
 * else the stretch its own spans cover; null when neither is known. */
function sentenceRange(text, event, ownSpans) {
  const anchor = ownSpans.length ? Math.min(...ownSpans.map((s) => s.start)) : null;
  const sentence = (event.sentence_text || "").trim();
  let first = null;
  for (let at = sentence ? text.indexOf(sentence) : -1; at !== -1; at = text.indexOf(sentence, at + 1)) {
    const range = [at, at + sentence.length];
    if (anchor === null || (anchor >= range[0] && anchor < range[1])) return range;
    first = first || range;
  }
  if (ownSpans.length) {
    return [anchor, Math.max(...ownSpans.map((s) => s.end))];
  }
  return first;
}

function mergeGroups(groups) {
  groups.sort((a, b) => a.start - b.start);
  const merged = [];
  for (const group of groups) {
    const last = merged[merged.length - 1];
    if (last && group.start < last.end) {
      last.end = Math.max(last.end, group.end);
      last.events.push(...group.events);
    } else {
      merged.push(group);
    }
  }
  return merged;
}

function trimmed(text, start, end) {
  while (start < end && /\s/.test(text[start])) start += 1;
  while (end > start && /\s/.test(text[end - 1])) end -= 1;
  return {start, end};
}

/** Rows of the layout: each sentence that produced events with them, and the text between as rows alone. */
function layoutRows(text, events, spans) {
  const groups = [];
  const unplaced = [];
  for (const event of events) {
    const range = sentenceRange(text, event, spans.filter((s) => s.event_id === event.event_id));
    if (range) groups.push({start: range[0], end: range[1], events: [event]});
    else unplaced.push(event);
  }
  const rows = [];
  let cursor = 0;
  for (const group of mergeGroups(groups)) {
    if (group.start > cursor) rows.push({...trimmed(text, cursor, group.start), events: []});
    rows.push({...trimmed(text, group.start, group.end), events: group.events});
    cursor = Math.max(cursor, group.end);
  }
  if (cursor < text.length) rows.push({...trimmed(text, cursor, text.length), events: []});
  return {rows: rows.filter((row) => row.end > row.start || row.events.length), unplaced};
}

/** The text of [start, end) as text nodes and <mark> elements, one per stretch covered by the same spans. */
function highlighted(text, start, end, spans, marksByEvent) {
  const inside = spans.filter((s) => s.start < end && s.end > start);
  const cuts = new Set([start, end]);
  for (const span of inside) {
    cuts.add(Math.max(start, span.start));
    cuts.add(Math.min(end, span.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    const active = inside.filter((s) => s.start <= a && s.end >= b);
    if (!active.length) {
      nodes.push(text.slice(a, b));
      continue;
    }
    const kinds = SPAN_KINDS.filter((kind) => active.some((s) => s.kind === kind));
    const ids = [...new Set(active.map((s) => s.event_id))];
    const describe = (s) => `${s.kind}: ${s.label ?? text.slice(s.start, s.end)} (${s.event_id})`;
    const title = [...new Set(active.map(describe))];
    const mark = h("mark", {class: ["hl", ...kinds.map((k) => `hl-${k}`)].join(" "), title: title.join("\n")},
      text.slice(a, b));
    for (const id of ids) {
      if (!marksByEvent.has(id)) marksByEvent.set(id, []);
      marksByEvent.get(id).push(mark);
    }
    nodes.push(mark);
  }
  return nodes;
}

export function legend(kinds) {
  return h("ul", {class: "legend", "aria-label": "Highlight colours"},
    kinds.map((kind) => h("li", {}, h("mark", {class: `hl hl-${kind}`}, kind), " ", KIND_HELP[kind])));
}

/** "text [KEN GOV]" of one side of a flat event row, as nodes; null when the event has no such actor. */
export function actorNodes(row, role) {
  const text = row[`${role}_text`];
  const codes = [row[`${role}_country`], row[`${role}_sector`]].filter(Boolean).join(" ");
  if (!text && !codes) return null;
  return h("span", {class: "actor"}, text || "", codes ? h("span", {class: "codes"}, ` ${codes}`) : null);
}

export function typeBadge(row) {
  return h("span", {class: `type side-${sideOf(row.event_type)}`},
    h("span", {class: "swatch", style: `background:${typeColour(row.event_type)}`, "aria-hidden": "true"}),
    row.event_type || "?");
}

function eventCard(row) {
  const arrow = row.target_text || row.target_country ? " → " : "";
  const details = [
    row.date ? `${row.date}${row.date_precision ? ` (${row.date_precision})` : ""}` : "no date",
    row.factuality,
    row.location_name || row.location_text ? `at ${row.location_name || row.location_text}` : null,
    Number.isFinite(row.confidence) ? `confidence ${row.confidence.toFixed(2)}` : null,
  ].filter(Boolean).join(" · ");
  return h("li", {class: `event-card factuality-${row.factuality || "unknown"}`, tabindex: "0"},
    h("div", {class: "card-head"}, typeBadge(row), row.cameo ? h("span", {class: "cameo"}, `CAMEO ${row.cameo}`) : null,
      row.mode ? h("span", {class: "mode"}, row.mode) : null),
    h("div", {class: "card-actors"}, actorNodes(row, "source") || "(no source)", arrow, actorNodes(row, "target")),
    h("div", {class: "card-details"}, details, row.trigger_text ? ` · “${row.trigger_text}”` : ""));
}

/** Render `text` with its events into `container`; returns focus(eventId) to single one event out. */
export function renderDocument(container, {text, events, spans, focusId = null, onFocus = null}) {
  const toUnit = unitMapper(text);
  const unitSpans = inUnits(spans || spansFromEvents(events), toUnit);
  const {rows, unplaced} = layoutRows(text, events, unitSpans);
  const marksByEvent = new Map();
  const cards = new Map();
  const kinds = SPAN_KINDS.filter((k) => k !== "date" || unitSpans.some((s) => s.kind === "date"));

  function focus(id, scroll = false) {
    for (const [eventId, marks] of marksByEvent) marks.forEach((m) => m.classList.toggle("focus", eventId === id));
    for (const [eventId, card] of cards) card.classList.toggle("selected", eventId === id);
    if (scroll && cards.has(id)) cards.get(id).scrollIntoView({block: "center"});
  }
  function hover(id, on) {
    (marksByEvent.get(id) || []).forEach((m) => m.classList.toggle("hover", on));
  }
  function cardFor(row) {
    const card = eventCard(row);
    cards.set(row.event_id, card);
    const select = () => { focus(row.event_id); if (onFocus) onFocus(row.event_id); };
    card.addEventListener("click", select);
    card.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        select();
      }
    });
    card.addEventListener("mouseenter", () => hover(row.event_id, true));
    card.addEventListener("mouseleave", () => hover(row.event_id, false));
    return card;
  }

  const grid = h("div", {class: "doc-grid"},
    h("div", {class: "doc-head"}, h("span", {}, "Text"), h("span", {}, "Events of the sentence")));
  for (const row of rows) {
    const sentence = h("p", {class: "doc-text"}, highlighted(text, row.start, row.end, unitSpans, marksByEvent));
    const list = row.events.length
      ? h("ol", {class: "doc-events", "aria-label": `${row.events.length} event(s) of this sentence`},
        row.events.map(cardFor))
      : h("div", {class: "doc-events empty"});
    grid.append(h("div", {class: `doc-row${row.events.length ? " has-events" : ""}`}, sentence, list));
  }
  if (unplaced.length) {
    grid.append(h("div", {class: "doc-row has-events"},
      h("p", {class: "doc-text muted"}, "Events whose sentence is not in the text:"),
      h("ol", {class: "doc-events"}, unplaced.map(cardFor))));
  }
  const firstEvent = new Map();
  for (const [id, marks] of marksByEvent) marks.forEach((mark) => firstEvent.has(mark) || firstEvent.set(mark, id));
  for (const [mark, id] of firstEvent) {
    mark.addEventListener("click", () => { focus(id, true); if (onFocus) onFocus(id); });
  }
  fill(container, legend(kinds), grid);
  if (focusId) focus(focusId, true);
  return focus;
}
