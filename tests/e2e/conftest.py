"""Browser fixtures: one headless system Chromium per test module, a fresh context (cookies, storage) per test.

The browser is module-scoped, not session-scoped: a session-wide Playwright keeps an event loop running that
breaks every later pytest-asyncio test. While Playwright's sync API runs, Django refuses ORM calls from the
test thread (it sees a running event loop), so DJANGO_ALLOW_ASYNC_UNSAFE is set for exactly as long as the
browser lives. Pages are opened on the live server under `localhost`, which Chromium treats as a secure
context, so the Secure session and CSRF cookies of the production settings work over plain HTTP.
"""

import os

import pytest

from tests.conftest import chromium_path

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    """A visitor on a small phone screen, on the live server. The browser asks for English, the interface's
    second language, so tests read the msgids and keep passing when the Dutch catalogue grows."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
