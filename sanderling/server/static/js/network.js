// The actor network of the filtered events (GET /network): countries as nodes sized by their events,
// directed edges weighted by count and coloured by conflict or cooperation, placed by a small
// Fruchterman-Reingold force layout (deterministic: same data, same picture).

import {h, s, fill, route, message} from "./dom.js";
import {getJSON} from "./api.js";
import {RELATION_COLOURS} from "./palette.js";

const WIDTH = 960;
const HEIGHT = 500;
const PAD = 48;
const ITERATIONS = 300;
const LINK_LENGTH = 70;
const CHARGE = -500;
const CENTRE_PULL = 0.08;
const MAX_NODES = 50;
const MAX_STRETCH = 2.5;  // more labels than this cannot be read

function relation(edge) {
  if (edge.conflict > edge.cooperation) return "conflict";
  if (edge.cooperation > edge.conflict) return "cooperation";
  return edge.conflict ? "mixed" : "other";
}

/** Positions of the nodes ({pos, width, height}, see fit): links pull their countries together, every
 * country pushes the others away, a weak pull to the centre keeps unlinked ones close, and no two overlap
 * (the velocity-Verlet scheme of d3-force, in a few lines). */
export function layout(nodes, edges) {
  const n = nodes.length;
  const at = new Map();
  const items = nodes.map((node, i) => {
    const angle = i * Math.PI * (3 - Math.sqrt(5));  // a phyllotaxis spiral, as d3-force starts
    const r = 10 * Math.sqrt(0.5 + i);
    const item = {id: node.id, x: r * Math.cos(angle), y: r * Math.sin(angle), vx: 0, vy: 0, r: radius(node),
      degree: 0};
    at.set(node.id, item);
    return item;
  });
  const links = edges.filter((e) => e.source !== e.target && at.has(e.source) && at.has(e.target))
    .map((e) => ({s: at.get(e.source), t: at.get(e.target)}));
  for (const link of links) { link.s.degree += 1; link.t.degree += 1; }
  let alpha = 1;
  const decay = 1 - 0.001 ** (1 / ITERATIONS);
  for (let it = 0; it < ITERATIONS && n > 1; it += 1) {
    alpha -= alpha * decay;
    for (const {s: a, t: b} of links) {
      const dx = b.x + b.vx - a.x - a.vx || 1e-6;
      const dy = b.y + b.vy - a.y - a.vy || 1e-6;
      const d = Math.hypot(dx, dy);
      const f = ((d - LINK_LENGTH) / d) * alpha / Math.min(a.degree, b.degree);
      const bias = a.degree / (a.degree + b.degree);
      b.vx -= dx * f * bias; b.vy -= dy * f * bias;
      a.vx += dx * f * (1 - bias); a.vy += dy * f * (1 - bias);
    }
    for (let i = 0; i < n; i += 1) {
      const a = items[i];
      for (let j = i + 1; j < n; j += 1) {
        const b = items[j];
        const dx = b.x - a.x || 1e-6;
        const dy = b.y - a.y;
        const d2 = Math.max(dx * dx + dy * dy, 1);
        const w = (CHARGE * alpha) / d2;
        a.vx += dx * w; a.vy += dy * w; b.vx -= dx * w; b.vy -= dy * w;
      }
      a.vx -= a.x * CENTRE_PULL * alpha;
      a.vy -= a.y * CENTRE_PULL * alpha;
    }
    for (const item of items) {
      item.x += (item.vx *= 0.6);
      item.y += (item.vy *= 0.6);
    }
    separate(items);
  }
  return fit(new Map(items.map((item) => [item.id, [item.x, item.y]])));
}

/** Push overlapping circles apart (with a margin for their labels). */
function separate(items) {
  for (let i = 0; i < items.length; i += 1) {
    for (let j = i + 1; j < items.length; j += 1) {
      const [a, b] = [items[i], items[j]];
      const dx = b.x - a.x || 1e-6;
      const dy = b.y - a.y;
      const d = Math.hypot(dx, dy);
      const min = a.r + b.r + 6;
      if (d < min) {
        const push = (min - d) / d / 2;
        a.x -= dx * push; a.y -= dy * push; b.x += dx * push; b.y += dy * push;
      }
    }
  }
}

/** Positions in drawing units and the size of the drawing: a small layout is stretched to the usual size, a
 * large one keeps its scale (so that circles do not overlap) and makes the drawing larger instead. */
function fit(pos) {
  const xs = [...pos.values()].map((p) => p[0]);
  const ys = [...pos.values()].map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const stretch = Math.min(MAX_STRETCH, (WIDTH - 2 * PAD) / (x1 - x0 || 1), (HEIGHT - 2 * PAD) / (y1 - y0 || 1));
  const scale = Math.max(1, stretch);
  const width = Math.max(WIDTH, (x1 - x0) * scale + 2 * PAD);
  const height = Math.max(HEIGHT, (y1 - y0) * scale + 2 * PAD);
  const out = new Map();
  for (const [id, [x, y]] of pos) {
    out.set(id, [width / 2 + (x - (x0 + x1) / 2) * scale, height / 2 + (y - (y0 + y1) / 2) * scale]);
  }
  return {pos: out, width, height};
}

function radius(node) {
  return Math.min(30, 12 + 2 * Math.sqrt(node.events || 1));  // at least wide enough for a three-letter code
}

function markers() {
  return s("defs", {}, Object.entries(RELATION_COLOURS).map(([name, colour]) => s("marker", {
    id: `arrow-${name}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
    markerUnits: "userSpaceOnUse", orient: "auto",
  }, s("path", {d: "M0,0 L10,5 L0,10 z", fill: colour}))));
}

/** An edge as a path: straight, bent when the reverse edge exists too, a loop for a country acting on itself. */
function edgePath(edge, pos, radii, bent) {
  const [x1, y1] = pos.get(edge.source);
  const [x2, y2] = pos.get(edge.target);
  const r2 = radii.get(edge.target);
  if (edge.source === edge.target) {
    const r = radii.get(edge.source);
    return `M${x1 - r * 0.5},${y1 - r * 0.85} C${x1 - r * 1.6},${y1 - r * 3} `
      + `${x1 + r * 1.6},${y1 - r * 3} ${x1 + r * 0.5},${y1 - r * 0.9}`;
  }
  const d = Math.hypot(x2 - x1, y2 - y1) || 1;
  const [ux, uy] = [(x2 - x1) / d, (y2 - y1) / d];
  const bend = bent ? d * 0.15 : 0;
  const [cx, cy] = [(x1 + x2) / 2 - uy * bend, (y1 + y2) / 2 + ux * bend];
  const cd = Math.hypot(x2 - cx, y2 - cy) || 1;
  const [ex, ey] = [x2 - ((x2 - cx) / cd) * r2, y2 - ((y2 - cy) / cd) * r2];
  return `M${x1},${y1} Q${cx},${cy} ${ex},${ey}`;
}

/** The countries with most events (at most MAX_NODES) and the edges between them. */
function busiest(data) {
  const nodes = data.nodes.filter((node) => node.id).sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_NODES);
  const ids = new Set(nodes.map((node) => node.id));
  const edges = data.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  return {nodes, edges, left: data.nodes.length - nodes.length};
}

function drawing({nodes, edges}, ctx) {
  const {pos, width, height} = layout(nodes, edges);
  const radii = new Map(nodes.map((node) => [node.id, radius(node)]));
  const pairs = new Set(edges.map((e) => `${e.source}\u0000${e.target}`));
  const svg = s("svg", {viewBox: `0 0 ${Math.round(width)} ${Math.round(height)}`, class: "chart network-chart",
    role: "img", "aria-labelledby": "network-chart-title"},
  s("title", {id: "network-chart-title"}, `Actor network: ${nodes.length} countries, ${edges.length} directed links`),
  markers());
  const edgeLayer = s("g", {class: "edges"});
  for (const edge of edges) {
    const kind = relation(edge);
    const bent = pairs.has(`${edge.target}\u0000${edge.source}`);
    edgeLayer.append(s("a", {href: route(["events"], {...ctx.filters, source: edge.source, target: edge.target})},
      s("path", {d: edgePath(edge, pos, radii, bent), class: `edge edge-${kind}`, fill: "none",
        stroke: RELATION_COLOURS[kind], "stroke-width": 1 + 1.6 * Math.log2(1 + edge.count),
        "marker-end": edge.source === edge.target ? null : `url(#arrow-${kind})`},
      s("title", {}, `${edge.source} → ${edge.target}: ${edge.count} event(s), `
        + `${edge.cooperation} cooperation, ${edge.conflict} conflict`))));
  }
  const nodeLayer = s("g", {class: "nodes"});
  for (const node of nodes) {
    const [x, y] = pos.get(node.id);
    nodeLayer.append(s("a", {href: route(["events"], {...ctx.filters, source: node.id}), class: "node"},
      s("circle", {cx: x, cy: y, r: radii.get(node.id)}),
      s("text", {x, y: y + 4, "text-anchor": "middle"}, node.id),
      s("title", {}, `${node.id}: ${node.events} event(s)`)));
  }
  svg.append(edgeLayer, nodeLayer);
  return svg;
}

function relationLegend() {
  const help = {cooperation: "more cooperation", conflict: "more conflict", mixed: "as much of each", other: "neither"};
  return h("ul", {class: "legend", "aria-label": "Edge colours"},
    Object.entries(RELATION_COLOURS).map(([name, colour]) => h("li", {},
      h("span", {class: "swatch line", style: `background:${colour}`, "aria-hidden": "true"}), help[name])),
    h("li", {class: "muted"}, "width: number of events; arrow: source → target; a node or line lists its events"));
}

function edgeTable(edges) {
  const sorted = [...edges].sort((a, b) => b.count - a.count);
  return h("details", {class: "data-table"}, h("summary", {}, "The links as a table"),
    h("table", {}, h("caption", {class: "visually-hidden"}, "Links between countries"),
      h("thead", {}, h("tr", {},
        ["Source", "Target", "Events", "Cooperation", "Conflict"].map((c) => h("th", {scope: "col"}, c)))),
      h("tbody", {}, sorted.map((e) => h("tr", {}, h("td", {}, e.source), h("td", {}, e.target),
        [e.count, e.cooperation, e.conflict].map((n) => h("td", {class: "num"}, String(n))))))));
}

export async function renderNetwork(root, ctx) {
  fill(root, message("Laying out the network…"));
  let data;
  try {
    data = await getJSON("network", ctx.filters);
  } catch (err) {
    if (ctx.isCurrent()) fill(root, message(err.message, "error"));
    return;
  }
  if (!ctx.isCurrent()) return;
  if (!data.nodes.length) {
    fill(root, message("No events between countries match the filters."));
    return;
  }
  const shown = busiest(data);
  const note = shown.left ? message(`The ${MAX_NODES} countries with most events are drawn; ${shown.left} more are `
    + "in the table below (filter the events to see them).") : null;
  fill(root, note, h("figure", {class: "chart-box"}, drawing(shown, ctx), h("figcaption", {}, relationLegend())),
    edgeTable(data.edges));
}
