"""The web explorer end to end: the real app under uvicorn on loopback, over a store coded from a few news-like
documents, driven by Debian's headless Chromium through Selenium and the system chromedriver (never Selenium
Manager, which would download a browser)."""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import (  # noqa: E402
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from sanderling.server import pages  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT = 30  # seconds for a view to render (the first POST /code loads the spaCy pipeline)

# Each document names its countries plainly so that the coder finds a dyad; iran-turkey carries markup in its title
# and text, which the explorer must show as text.
DOCUMENTS = [
    {"id": "kenya-somalia", "date": "2023-03-06", "title": "Kenya and Somalia agree to reopen border",
     "url": "https://example.org/kenya-somalia",
     "text": "Kenya and Somalia signed an agreement on Monday to reopen their shared border.\n"
             "Somalia's president thanked Kenya for its help against the militants."},
    {"id": "russia-ukraine", "date": "2023-04-12", "title": "Shelling in Kharkiv",
     "text": "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing four civilians, Ukrainian "
             "officials said.\nUkraine accused Russia of targeting residential buildings."},
    {"id": "iran-turkey", "date": "2023-05-02", "title": "<b>Talks</b> in Ankara", "url": "javascript:alert(1)",
     "text": "Iran's foreign minister met his Turkish counterpart in Ankara on Monday to discuss trade.\n"
             "Officials called the talks <img src=x onerror=\"window.pwned=1\"> constructive."},
    {"id": "us-china", "date": "2023-05-20", "title": "New sanctions",
     "text": "The United States imposed sanctions on three Chinese companies on Friday.\n"
             "China condemned the decision and threatened to retaliate."},
]
PASTED = "Egypt's foreign minister met his Jordanian counterpart in Cairo on Sunday."


@pytest.fixture(scope="module")
def coder():
    from sanderling import Coder

    return Coder()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    from sanderling.corpus.run import run_corpus

    folder = tmp_path_factory.mktemp("explorer")
    source = folder / "news.jsonl"
    source.write_text("".join(json.dumps(doc) + "\n" for doc in DOCUMENTS), encoding="utf-8")
    db = folder / "events.duckdb"
    summary = run_corpus([source], db, workers=1, coder=coder)
    assert summary.coded == len(DOCUMENTS) and summary.events >= 6
    return db


@contextmanager
def _serving(db: Path | None, coder) -> Iterator[str]:
    """The app over `db` on a free loopback port, in a thread of this process; its base URL."""
    from sanderling.server import create_app
    from sanderling.server.running import in_thread

    with in_thread(create_app(db, coder=coder)) as url:
        yield url


@pytest.fixture(scope="module")
def base_url(store: Path, coder) -> Iterator[str]:
    with _serving(store, coder) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.is_file():
            pytest.skip(f"{path} is missing: install Debian's chromium and chromium-driver to run the browser tests")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # console errors, CSP violations included
    try:
        driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    except WebDriverException as err:
        pytest.skip(f"headless Chromium did not start: {err.msg}")
    yield driver
    driver.quit()


def _open(browser: WebDriver, base_url: str, fragment: str) -> None:
    """A fresh page load (a change of the hash alone would keep the previous view on screen for a moment)."""
    browser.get("about:blank")
    browser.get(f"{base_url}/{fragment}")


def _wait(browser: WebDriver, condition, message: str):
    """Wait for `condition`, reading again the elements a view replaced as it rendered."""
    ignored = (NoSuchElementException, StaleElementReferenceException)
    return WebDriverWait(browser, WAIT, ignored_exceptions=ignored).until(condition, message)


def _rows(browser: WebDriver) -> list:
    return browser.find_elements(By.CSS_SELECTOR, "#events-table tbody tr")


def _status(browser: WebDriver) -> str:
    return browser.find_element(By.ID, "events-status").text


def _page(browser: WebDriver) -> tuple[int, int, int] | None:
    """(first, last, total) of the page on screen, or None while it loads."""
    match = re.fullmatch(r"Events (\d+)–(\d+) of (\d+)", _status(browser))
    return tuple(int(n) for n in match.groups()) if match else None


def _loaded_table(browser: WebDriver, base_url: str, fragment: str) -> list:
    _open(browser, base_url, fragment)
    _wait(browser, _page, "the events table did not load")
    return _rows(browser)


def _api(base_url: str, path: str) -> dict:
    with urllib.request.urlopen(f"{base_url}{path}", timeout=30) as response:
        return json.load(response)


# --- no browser needed ----------------------------------------------------------------------------------------------


def test_static_files_reference_nothing_outside_the_package():
    """No CDN, web font or remote script: every URL in the explorer's files is relative (the SVG namespace aside)."""
    files = [p for p in pages.STATIC_DIR.rglob("*") if p.suffix in {".html", ".js", ".css"}]
    assert pages.INDEX in files and len(files) >= 5
    for path in files:
        text = path.read_text(encoding="utf-8").replace("http://www.w3.org/2000/svg", "")
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text, re.I), path
        assert "@import" not in text and "fonts.googleapis" not in text, path


def test_static_files_never_insert_html():
    """Text from the store goes in through textContent and setAttribute only."""
    for path in pages.STATIC_DIR.rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in text, f"{path.name} uses {sink}"


def test_root_serves_the_explorer_and_its_modules(base_url: str):
    with urllib.request.urlopen(f"{base_url}/", timeout=10) as response:
        assert response.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in response.headers["content-security-policy"]
        html = response.read().decode("utf-8")
    assert 'src="static/js/app.js"' in html
    with urllib.request.urlopen(f"{base_url}/static/js/app.js", timeout=10) as response:
        assert "javascript" in response.headers["content-type"]


# --- in the browser -------------------------------------------------------------------------------------------------


def test_paste_text_shows_its_events_highlighted(browser: WebDriver, base_url: str):
    _open(browser, base_url, "#/paste")
    box = _wait(browser, lambda d: d.find_element(By.ID, "paste-text"), "no paste box")
    browser.find_element(By.ID, "paste-live").click()  # off: code once, on the button
    box.send_keys(PASTED)
    browser.execute_script("document.getElementById('paste-date').value = '2023-05-08'")
    browser.find_element(By.ID, "paste-submit").click()
    status = _wait(browser, lambda d: re.match(r"(\d+) events? coded", d.find_element(By.ID, "paste-status").text),
                   "no events coded")
    cards = browser.find_elements(By.CSS_SELECTOR, "#paste-result .event-card")
    assert int(status.group(1)) == len(cards) >= 1
    assert "CONSULT" in cards[0].text and "EGY" in cards[0].text and "JOR" in cards[0].text
    assert "2023-05-07" in cards[0].text  # "on Sunday" resolved against the date given
    marks = {kind: [m.text for m in browser.find_elements(By.CSS_SELECTOR, f"#paste-result .doc-text mark.hl-{kind}")]
             for kind in ("source", "target", "trigger", "location")}
    assert marks == {"source": ["Egypt's foreign minister"], "target": ["his Jordanian counterpart"],
                     "trigger": ["met"], "location": ["Cairo"]}


def test_filter_by_country_changes_the_table(browser: WebDriver, base_url: str):
    everything = _loaded_table(browser, base_url, "#/events")
    total = _page(browser)[2]
    assert len(everything) == total >= 6
    browser.find_element(By.ID, "f-source").send_keys("RUS", Keys.ENTER)
    _wait(browser, lambda d: "source=RUS" in d.current_url and (_page(d) or (0, 0, total))[2] != total,
          "the table did not change")
    rows = _rows(browser)
    assert 0 < len(rows) < total
    assert all("RUS" in row.find_elements(By.TAG_NAME, "td")[2].text for row in rows)
    assert len(rows) == _api(base_url, "/events?source=RUS")["total"]


def test_cursor_paging_walks_every_event_once(browser: WebDriver, base_url: str):
    seen = [row.text for row in _loaded_table(browser, base_url, "#/events?limit=4")]
    total = _page(browser)[2]
    assert len(seen) == 4 < total
    assert not browser.find_element(By.ID, "events-prev").is_enabled()
    while browser.find_element(By.ID, "events-next").is_enabled():
        first = _page(browser)[0]
        browser.find_element(By.ID, "events-next").click()
        _wait(browser, lambda d: (_page(d) or (first,))[0] == first + 4, "the next page did not load")
        seen += [row.text for row in _rows(browser)]
    assert len(seen) == len(set(seen)) == total
    last = _page(browser)[0]
    browser.find_element(By.ID, "events-prev").click()
    _wait(browser, lambda d: _page(d) == (last - 4, last - 1, total), "the previous page did not load")


def test_opening_an_event_shows_its_article_with_the_spans(browser: WebDriver, base_url: str):
    rows = _loaded_table(browser, base_url, "#/events?source=IRN")
    rows[0].find_element(By.CSS_SELECTOR, "a.doc-link").click()
    title = _wait(browser, lambda d: d.find_element(By.ID, "doc-title"), "the article did not open")
    assert "#/documents/iran-turkey?event=" in browser.current_url
    assert title.text == "<b>Talks</b> in Ankara"  # markup from the store is shown as text
    marks = {kind: [m.text for m in browser.find_elements(By.CSS_SELECTOR, f"#doc-body .doc-text mark.hl-{kind}")]
             for kind in ("source", "target", "trigger", "location")}
    assert marks == {"source": ["Iran's foreign minister"], "target": ["his Turkish counterpart"],
                     "trigger": ["met"], "location": ["Ankara"]}
    colours = {kind: browser.find_element(By.CSS_SELECTOR, f".legend mark.hl-{kind}").value_of_css_property(
        "background-color") for kind in ("source", "target", "trigger")}
    assert len(set(colours.values())) == 3
    row = browser.find_element(By.CSS_SELECTOR, ".event-card.selected").find_element(By.XPATH, "..")
    sentence = row.find_element(By.XPATH, "preceding-sibling::p[1]")
    assert sentence.text.startswith("Iran's foreign minister met his Turkish counterpart")
    assert browser.find_elements(By.CSS_SELECTOR, "#doc-body .doc-text")[-1].text.startswith("Officials called")
    assert browser.find_elements(By.CSS_SELECTOR, "#view img, #view b") == []
    assert browser.execute_script("return window.pwned") is None
    assert all(not a.get_attribute("href").startswith("javascript:")
               for a in browser.find_elements(By.CSS_SELECTOR, "#view a"))


def test_timeline_renders_conflict_and_cooperation(browser: WebDriver, base_url: str):
    _open(browser, base_url, "#/timeline")
    bars = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "svg.timeline-chart rect.bar"), "no bars")
    sides = {bar.get_attribute("class") for bar in bars}
    assert {"bar side-cooperation", "bar side-conflict"} <= sides
    months = {bar.get_attribute("data-month") for bar in bars}
    assert {"2023-03", "2023-04", "2023-05"} <= months
    rows = _api(base_url, "/dyads")["rows"]
    assert len(bars) == len({(r["month"], r["event_type"]) for r in rows if r["month"]})
    browser.find_element(By.LINK_TEXT, "RUS → UKR").click()
    _wait(browser, lambda d: "source=RUS" in d.current_url and "target=UKR" in d.current_url, "no dyad chosen")
    _wait(browser, lambda d: {b.get_attribute("class") for b in d.find_elements(By.CSS_SELECTOR, "rect.bar")}
          == {"bar side-conflict"}, "the RUS → UKR timeline is not all conflict")


def test_network_renders_the_filtered_countries(browser: WebDriver, base_url: str):
    _open(browser, base_url, "#/network")
    nodes = _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "svg.network-chart .node"), "no nodes")
    network = _api(base_url, "/network")
    assert sorted(n.text for n in nodes) == sorted(node["id"] for node in network["nodes"])
    edges = browser.find_elements(By.CSS_SELECTOR, "svg.network-chart path.edge")
    assert len(edges) == len(network["edges"])
    assert browser.find_elements(By.CSS_SELECTOR, "path.edge-conflict")
    assert browser.find_elements(By.CSS_SELECTOR, "path.edge-cooperation")
    _open(browser, base_url, "#/network?source=USA")
    _wait(browser, lambda d: sorted(n.text for n in d.find_elements(By.CSS_SELECTOR, "svg.network-chart .node"))
          == ["CHN", "USA"], "the network did not follow the filter")


def test_views_log_no_browser_errors(browser: WebDriver, base_url: str):
    """Every view renders under the page's Content-Security-Policy with nothing refused or failing in the console."""
    browser.get_log("browser")  # drop what earlier tests logged
    views = {"#/events": "#events-table tbody tr", "#/timeline": "rect.bar", "#/network": ".node",
             "#/documents/kenya-somalia": ".doc-text mark", "#/paste": "#paste-text"}
    for fragment, selector in views.items():
        _open(browser, base_url, fragment)
        _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, selector), f"{fragment} did not render")
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
    _open(browser, base_url, "#/events")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#events-table .swatch"), "no type swatches")
    colour = browser.find_element(By.CSS_SELECTOR, "#events-table .swatch").value_of_css_property("background-color")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # set through the CSSOM, which the CSP allows


def test_without_a_store_only_the_paste_box_works(browser: WebDriver, coder):
    with _serving(None, coder) as url:
        _open(browser, url, "#/events")
        notice = _wait(browser, lambda d: d.find_element(By.ID, "notice").text, "no notice")
        assert "sanderling serve --db" in notice
        assert not browser.find_element(By.ID, "filters").is_displayed()
        assert browser.find_element(By.ID, "tab-paste").get_attribute("aria-current") == "page"
        browser.find_element(By.ID, "paste-text").send_keys(PASTED)
        _wait(browser, lambda d: d.find_element(By.ID, "paste-status").text == "1 event coded.",
              "the text was not coded as typed")
