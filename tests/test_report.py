"""report(outdir): a self-contained HTML page that renders in headless Chromium without errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pipeline.compliance import check
from pipeline.export import export
from pipeline.link import link
from pipeline.report import report
from tests import factories as f

CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
EVIL = '<script>alert("x")</script> & “Covid-19”'


@pytest.fixture(scope="module")
def html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    plans = f.archive()
    plans[0].evidence["period"] = f.ev(f"từ ngày 06/10/2022 đến ngày 12/10/2022 {EVIL}")
    links = link(plans)
    export(plans, links, check(plans, links), out)
    return report(out)


def test_self_contained_and_escaped(html: Path):
    text = html.read_text(encoding="utf-8")
    assert "<script" not in text  # the evidence's <script> is escaped, and we use no JS
    assert "&lt;script&gt;alert" in text
    assert not re.search(r'(src|href)="(https?:)?//', text)  # no external assets
    assert not re.search(r"<link\b", text)
    # overview first, then per-plan sections
    assert text.index('id="overview"') < text.index('id="doc-')
    assert "week_mismatch" in text and "draft_unnumbered" in text


def test_parent_chain_is_linked(html: Path):
    text = html.read_text(encoding="utf-8")
    section = text[text.index('id="doc-7258124ebd54530a"') :]
    section = section[: section.index("</section>")]
    assert 'href="#doc-5701000000000000"' in section  # primary parent: the city's plan
    assert "5201/BGDĐT-GDTX" in section  # … whose parent is the 2024 national directive


@pytest.mark.slow
def test_renders_in_headless_chromium(html: Path, tmp_path: Path):
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        pytest.skip(f"chromium or chromedriver missing ({CHROMIUM}, {DRIVER})")
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    try:
        driver.get(html.as_uri())
        assert "Kehoach" in driver.title
        body = driver.find_element(By.TAG_NAME, "body").text
        assert "week_mismatch" in body
        assert "The plan runs 2022-10-06 – 2022-10-12" in body
        assert '<script>alert("x")</script>' in body  # shown as text, not run
        severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        assert severe == []
        assert driver.find_elements(By.CSS_SELECTOR, "svg") or not shutil.which("dot")
    finally:
        driver.quit()
