"""Regenerate the explorer's screenshots in docs/screenshots/ (events, article, timeline, network, paste).

    python scripts/make_screenshots.py                      # rewrite docs/screenshots/*.png
    python scripts/make_screenshots.py --output /tmp/shots  # write them elsewhere

The same setup as tests/test_server_browser.py: a store coded from the bundled example article and a few news-like
documents written for it, the real app under uvicorn on a free loopback port, and Debian's headless Chromium driven
by Selenium through the system chromedriver (/usr/bin/chromium, /usr/bin/chromedriver; nothing is downloaded).
Each page is shot at 1200x800 CSS pixels.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from sanderling.cli import EXAMPLE_DATE, EXAMPLE_ID
from sanderling.corpus.run import run_corpus
from sanderling.server import create_app
from sanderling.server.running import in_thread

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "screenshots"
EXAMPLE = ROOT / "sanderling" / "data" / "example.txt"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTH, HEIGHT = 1200, 800
WAIT = 60

DOCUMENTS = [
    {"id": "kenya-somalia", "date": "2023-03-06", "title": "Kenya and Somalia agree to reopen border",
     "text": "Kenya and Somalia signed an agreement on Monday to reopen their shared border.\n"
             "Somalia's president thanked Kenya for its help against the militants."},
    {"id": "russia-ukraine", "date": "2023-04-12", "title": "Shelling in Kharkiv",
     "text": "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing four civilians, Ukrainian "
             "officials said.\nUkraine accused Russia of targeting residential buildings."},
    {"id": "iran-turkey", "date": "2023-05-02", "title": "Iran and Turkey hold talks in Ankara",
     "text": "Iran's foreign minister met his Turkish counterpart in Ankara on Monday to discuss trade."},
    {"id": "us-china", "date": "2023-05-20", "title": "New sanctions on Chinese companies",
     "text": "The United States imposed sanctions on three Chinese companies on Friday.\n"
             "China condemned the decision and threatened to retaliate."},
    {"id": "ethiopia-somalia", "date": "2023-06-21", "title": "Ethiopian troops in Somalia",
     "text": "Ethiopia sent 500 troops to Somalia on Tuesday to fight the militants.\n"
             "Somalia's president welcomed the Ethiopian soldiers."},
]
PASTED = ("Egypt's foreign minister met his Jordanian counterpart in Cairo on Sunday.\n"
          "Police arrested 12 protesters in Amman after clashes near the parliament.")


def build_store(folder: Path) -> Path:
    """A store of the example article (with its publication date) and DOCUMENTS."""
    source = folder / "news.jsonl"
    example = {"id": EXAMPLE_ID, "date": EXAMPLE_DATE, "title": "The bundled example article",
               "text": EXAMPLE.read_text(encoding="utf-8")}
    source.write_text("".join(json.dumps(doc) + "\n" for doc in [example, *DOCUMENTS]), encoding="utf-8")
    db = folder / "events.duckdb"
    run_corpus([source], db, workers=1)
    return db


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app over `db` on a free loopback port, in a thread; its base URL."""
    with in_thread(create_app(db)) as url:
        yield url


@contextmanager
def chromium() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
                     f"--window-size={WIDTH},{HEIGHT}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    try:
        yield driver
    finally:
        driver.quit()


def wait(driver: WebDriver, condition: Callable[[WebDriver], object], what: str) -> None:
    ignored = (NoSuchElementException, StaleElementReferenceException)
    WebDriverWait(driver, WAIT, ignored_exceptions=ignored).until(condition, f"{what} did not render")


def paste(driver: WebDriver) -> None:
    """Code PASTED in the paste box and wait for its events."""
    driver.find_element(By.ID, "paste-live").click()
    driver.find_element(By.ID, "paste-text").send_keys(PASTED)
    driver.execute_script("document.getElementById('paste-date').value = '2023-05-08'")
    driver.find_element(By.ID, "paste-submit").click()
    wait(driver, lambda d: "coded" in d.find_element(By.ID, "paste-status").text, "the coded text")


# name → (route, what to wait for, an action before the shot)
SHOTS: dict[str, tuple[str, Callable[[WebDriver], object], Callable[[WebDriver], None] | None]] = {
    "events": ("#/events", lambda d: d.find_element(By.ID, "events-status").text.startswith("Events "), None),
    "article": (f"#/documents/{EXAMPLE_ID}", lambda d: d.find_elements(By.CSS_SELECTOR, ".doc-text mark"), None),
    "timeline": ("#/timeline", lambda d: d.find_elements(By.CSS_SELECTOR, "rect.bar"), None),
    "network": ("#/network", lambda d: d.find_elements(By.CSS_SELECTOR, ".network-chart .node"), None),
    "paste": ("#/paste", lambda d: d.find_element(By.ID, "paste-text"), paste),
}


def shoot(base_url: str, output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    written = []
    with chromium() as driver:
        for name, (fragment, ready, action) in SHOTS.items():
            driver.get("about:blank")
            driver.get(f"{base_url}/{fragment}")
            wait(driver, ready, name)
            if action is not None:
                action(driver)
            driver.execute_script("window.scrollTo(0, 0)")
            path = output / f"{name}.png"
            driver.save_screenshot(str(path))
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="folder for the PNG files")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = build_store(Path(folder))
        with serving(db) as base_url:
            for path in shoot(base_url, args.output):
                print(f"{path} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
