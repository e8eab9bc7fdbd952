// Small DOM helpers. Text from the store or the API only ever goes in as text nodes or through
// setAttribute, never as HTML, so a sentence cannot inject markup into the page.

const SVG_NS = "http://www.w3.org/2000/svg";

function setAttributes(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (key === "style") {
      el.style.cssText = String(value);  // through the CSSOM: the page's CSP refuses style attributes
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

function appendChildren(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An HTML element: h("td", {class: "x"}, "text", otherNode). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  appendChildren(el, children);
  return el;
}

/** An SVG element, same call shape as h(). */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttributes(el, attrs);
  appendChildren(el, children);
  return el;
}

/** Replace the children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  appendChildren(el, children);
  return el;
}

/** The URL if it is http(s), else null: a stored URL must not become a javascript: link. */
export function safeHref(url) {
  if (!url) return null;
  try {
    const parsed = new URL(String(url));
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A hash route such as #/documents/ID?event=X, each part encoded. */
export function route(parts, params = {}) {
  const path = parts.map((p) => encodeURIComponent(p)).join("/");
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const qs = query.toString();
  return `#/${path}${qs ? `?${qs}` : ""}`;
}

/** A short line of text for a message area (role=alert or status). */
export function message(text, kind = "info") {
  return h("p", {class: `message ${kind}`, role: kind === "error" ? "alert" : "status"}, text);
}
