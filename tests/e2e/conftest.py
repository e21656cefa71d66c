"""Browser tests: Playwright drives Debian's Chromium against a live server.

Each step saves a screenshot under var/e2e/ so a person can see what a citizen sees.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from complaints.reference import loaders

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "e2e"
# Playwright's sync API runs an event loop on the test thread; the tests' own ORM calls are
# still synchronous, so Django's guard against async use does not apply to them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
PHONE = {"width": 360, "height": 780}  # a common cheap Android phone in CSS pixels


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent  # the hook sees every item of the session, not only ours
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():  # never a skip: the browser suite must run where it is asked to
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install chromium", pytrace=False)
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    from playwright.sync_api import sync_playwright  # here: `pytest` collects without Playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db, request):
    """A phone-sized page; `page.shot(name)` saves a numbered screenshot of this test."""
    loaders.regions_load()
    loaders.elections_load()
    loaders.behaviours_load()
    context = browser.new_context(viewport=PHONE, locale="id-ID", base_url=live_server.url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Any Content Security Policy violation fails the test: no inline script or style anywhere.
    page.on(
        "console", lambda message: errors.append(message.text) if "Content Security Policy" in message.text else None
    )
    prefix = re.sub(r"\W+", "-", request.node.name.removeprefix("test_"))
    count = iter(range(1, 100))

    def shot(name: str) -> None:
        page.screenshot(path=SCREENSHOTS / f"{prefix}-{next(count):02d}-{name}.png", full_page=True)

    page.shot = shot
    yield page
    context.close()
    assert errors == [], f"JavaScript errors or CSP violations on the page: {errors}"
