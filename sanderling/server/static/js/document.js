// The article view (#/documents/ID?event=EVENT_ID): the stored text with every span highlighted and the
// events beside the sentence that produced them; the event opened from the table is singled out.

import {h, fill, route, safeHref, message} from "./dom.js";
import {getJSON} from "./api.js";
import {renderDocument} from "./article.js";

function header(doc, events, backHref) {
  const urls = [...new Set([doc.url, ...(doc.urls || [])].filter(Boolean))];
  const links = urls.map((url) => {
    const href = safeHref(url);
    return href ? h("a", {href, rel: "noopener noreferrer", target: "_blank"}, url) : h("span", {}, url);
  });
  const facts = [doc.date ? `published ${doc.date}` : "no publication date", `id ${doc.doc_id}`,
    `${events.length} event${events.length === 1 ? "" : "s"}`];
  return h("header", {class: "doc-header"},
    h("p", {}, h("a", {href: backHref, id: "back-link"}, "← Back to the list")),
    h("h2", {id: "doc-title"}, doc.title || doc.doc_id),
    h("p", {class: "muted"}, facts.join(" · ")),
    links.length ? h("p", {class: "doc-urls"}, "Sources: ", links.flatMap((a, i) => (i ? [", ", a] : [a]))) : null,
    doc.duplicate_of ? h("p", {class: "muted"}, "A copy of ",
      h("a", {href: route(["documents", doc.duplicate_of])}, doc.duplicate_of), ", which was coded instead.") : null);
}

export async function renderArticle(root, ctx, docId, focusId) {
  fill(root, message("Loading the article…"));
  let data;
  try {
    data = await getJSON(`documents/${encodeURIComponent(docId)}`);
  } catch (err) {
    if (ctx.isCurrent()) {
      fill(root, h("p", {}, h("a", {href: ctx.backHref}, "← Back to the list")), message(err.message, "error"));
    }
    return;
  }
  if (!ctx.isCurrent()) return;
  const doc = data.document;
  const body = h("div", {class: "doc-body", id: "doc-body"});
  fill(root, h("article", {class: "doc"}, header(doc, data.events, ctx.backHref), body));
  const onFocus = (eventId) => {
    history.replaceState(null, "", route(["documents", doc.doc_id], {event: eventId}));
  };
  if (!doc.text) {
    fill(body, message("The store keeps no text for this document."));
    return;
  }
  renderDocument(body, {text: doc.text, events: data.events, spans: data.spans, focusId, onFocus});
}
