// Colours and quad classes of the PLOVER event types (sanderling.export.QUAD_CODES): 1 verbal and
// 2 material cooperation (blues, greens), 3 verbal and 4 material conflict (oranges, reds).

export const QUADS = {
  AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1,
  COOPERATE: 2, AID: 2, RETREAT: 2,
  REQUEST: 3, ACCUSE: 3, REJECT: 3, THREATEN: 3,
  PROTEST: 4, SANCTION: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4,
};

const TYPE_COLOURS = {
  AGREE: "#1d4f91", CONSULT: "#3b7dd8", SUPPORT: "#6fa8eb", CONCEDE: "#a9cbf2",
  COOPERATE: "#1f6f43", AID: "#38a169", RETREAT: "#8fd4a8",
  REQUEST: "#b45309", ACCUSE: "#dd6b20", REJECT: "#f0a04b", THREATEN: "#8a4b0f",
  PROTEST: "#7b1e1e", SANCTION: "#c53030", MOBILIZE: "#e25858", COERCE: "#f29b9b", ASSAULT: "#4a1010",
};

export const QUAD_NAMES = {
  1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
};

export const RELATION_COLOURS = {conflict: "#c53030", cooperation: "#2b6cb0", mixed: "#7b5ea7", other: "#8a8f98"};

export function quadOf(type, quad) {
  const q = quad ?? QUADS[type];
  return q === undefined ? null : Number(q);
}

/** "cooperation", "conflict" or "other". */
export function sideOf(type, quad) {
  const q = quadOf(type, quad);
  if (q === 1 || q === 2) return "cooperation";
  if (q === 3 || q === 4) return "conflict";
  return "other";
}

export function typeColour(type) {
  return TYPE_COLOURS[type] || "#8a8f98";
}
