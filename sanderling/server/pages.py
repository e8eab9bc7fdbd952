"""The explorer: one HTML page and its static files, served by the API app.

Everything the browser needs ships inside the package (no build step, no CDN), so `sanderling serve` works
offline from a fresh install; the page's Content-Security-Policy lets it load nothing from anywhere else.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

if TYPE_CHECKING:
    from fastapi import FastAPI
    from starlette.responses import Response

STATIC_DIR = Path(__file__).parent / "static"
INDEX = STATIC_DIR / "index.html"
# Same-origin only: scripts, styles, data and images come from this server (the empty favicon is a data: URL).
CONTENT_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Revalidated on every load (a cheap 304), so that a browser never mixes files of two versions after an upgrade.
FRESH = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


class Assets(StaticFiles):
    """The static files, with the FRESH headers."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers.update(FRESH)
        return response


def index() -> FileResponse:
    """The single page; views are chosen client-side from the URL hash."""
    return FileResponse(INDEX, media_type="text/html", headers={**FRESH, "Content-Security-Policy": CONTENT_POLICY})


def mount(app: FastAPI) -> None:
    """Serve the explorer at `/` and its assets under `/static`."""
    # Browsers run ES modules only with a JavaScript type, which some systems' MIME tables do not give .js.
    mimetypes.add_type("text/javascript", ".js")
    mimetypes.add_type("text/css", ".css")
    app.add_api_route("/", index, methods=["GET"], include_in_schema=False)
    app.mount("/static", Assets(directory=STATIC_DIR), name="static")
