// The JSON API of sanderling serve (see docs/server.md). URLs are relative to the page, so the
// explorer also works behind a proxy that serves the app under a path prefix.

export class ApiError extends Error {
  constructor(status, text) {
    super(text);
    this.status = status;
  }
}

/** The absolute URL of an API path with its query parameters (empty values left out). */
export function apiUrl(path, params = {}) {
  const url = new URL(path, document.baseURI);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "" && value !== false) {
      url.searchParams.set(key, String(value));
    }
  }
  return url;
}

function errorText(data, response) {
  const detail = data && (data.detail ?? data.error ?? data.message);
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    const one = (d) => (d && d.msg ? `${(d.loc || []).slice(1).join(".")}: ${d.msg}` : JSON.stringify(d));
    return detail.map(one).join("; ");
  }
  return `${response.status} ${response.statusText}`.trim();
}

async function read(response) {
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, errorText(data, response));
  return data;
}

export async function getJSON(path, params = {}) {
  const response = await fetch(apiUrl(path, params), {headers: {Accept: "application/json"}});
  return read(response);
}

export async function postJSON(path, body) {
  const response = await fetch(apiUrl(path), {
    method: "POST",
    headers: {"Content-Type": "application/json", Accept: "application/json"},
    body: JSON.stringify(body),
  });
  return read(response);
}
