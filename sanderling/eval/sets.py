"""Imports every gold set reader so that each registers itself (one module per set)."""

from . import plover_gsr  # noqa: F401
from . import event_location, wikievents  # noqa: F401
from . import te3  # noqa: F401
from . import geowebnews, tr_news  # noqa: F401
from . import petrarch  # noqa: F401
from . import news_dev  # noqa: F401
from . import ngec  # noqa: F401
