"""The HTTP API and web explorer over the coder and a corpus store (`sanderling serve`)."""

from .api import create_app, load_coder

__all__ = ["create_app", "load_coder"]
