"""sanderling: political event data (PLOVER/CAMEO) from English news text.

    >>> import sanderling
    >>> events = sanderling.code("Iran attacked Azerbaijan with missiles on Monday.", date="2022-10-03")
"""

from .coder import Coded, Coder, code
from .model import Actor, Document, Event, Location, Trigger

__all__ = ["Coder", "Coded", "code", "Actor", "Document", "Event", "Location", "Trigger"]
__version__ = "0.1.0"
