"""Two neighbours on the same thread in two browsers: one replies, the other sees it appear without reloading,
also after their connection dropped while the reply was sent; an event that arrives twice changes nothing.

The pages and sockets are served by a real daphne process (channels' DaphneProcess, as in
ChannelsLiveServerTestCase) on the test database, so it needs a database another process can open (PostgreSQL:
`services`); its channel layer is whichever the settings name (Redis in CI).
"""

import importlib
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.sync import SyncToAsync
from daphne.testing import DaphneProcess
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from playwright.sync_api import expect

from feedback import services
from feedback.models import Thread
from tests.e2e.conftest import PHONE
from tests.e2e.steps import log_in
from tests.factories import PASSWORD, HouseholdFactory, TenantProfileFactory, project_in_execution

pytestmark = [pytest.mark.browser, pytest.mark.services]

LIVE = 15_000  # ms: generous, but only ever waited out when something is broken


def served_application():
    """renovatie.asgi's application, built in the server process itself so its host check sees ALLOWED_HOSTS as
    the test set it, with static files served as the live server does."""
    import renovatie.asgi

    return ASGIStaticFilesHandler(importlib.reload(renovatie.asgi).application)


def in_the_server_process():
    """Runs in the forked server before it serves: the test database, and a fresh thread for sync code. A fork
    keeps none of its parent's threads, so asgiref's one worker thread (started by earlier async tests in this
    process) is gone there, and anything queued for it, such as reading a socket's session, would wait forever."""
    from channels.testing.live import set_database_connection

    set_database_connection()
    SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)


@pytest.fixture
def live_site(transactional_db, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    server = DaphneProcess("localhost", served_application, setup=in_the_server_process)
    server.start()
    try:
        assert server.ready.wait(timeout=20), "daphne did not start"
        yield f"http://localhost:{server.port.value}"
    finally:
        server.terminate()
        server.join(timeout=10)


@pytest.fixture
def conversation(transactional_db):
    """Anna asked her neighbours a question; Bram lives in the same complex."""
    project = project_in_execution(homes=0)
    complex_ = project.complexes.get()
    anna, bram = (
        TenantProfileFactory(household=HouseholdFactory(dwelling__complex=complex_), display_name=name, language="en")
        for name in ("Anna", "Bram")
    )
    thread = services.start_thread(
        kind=Thread.Kind.QUESTION,
        title="When does the scaffolding go up?",
        body="Does anyone know when the scaffolding goes up on our side?",
        author=anna.user,
        project=project,
    )
    return {"thread": thread, "opening": thread.posts.get(parent=None), "anna": anna.user, "bram": bram.user}


@pytest.fixture
def open_thread(browser, live_site, conversation):
    """Log someone in in a browser of their own and open the thread; returns their page."""
    contexts = []

    def open_as(user):
        context = browser.new_context(base_url=live_site, locale="en-GB", viewport=PHONE)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        log_in(page, user.email, PASSWORD)
        expect(page.get_by_role("heading", level=1)).to_have_text("My renovation")
        return page

    yield open_as
    for context in contexts:
        context.close()


def thread_url(conversation):
    return f"/gesprekken/{conversation['thread'].pk}/"


def send_reply(page, opening, text):
    post = page.locator(f"#post-{opening.pk}")
    post.locator("summary", has_text="Reply").click()
    post.get_by_label("Your reply").fill(text)
    post.get_by_role("button", name="Send reply").click()


def test_bram_sees_annas_reply_appear_without_reloading(open_thread, conversation):
    anna, bram = open_thread(conversation["anna"]), open_thread(conversation["bram"])
    bram.goto(thread_url(conversation))
    anna.goto(thread_url(conversation))
    bram.evaluate("window.stillTheSamePage = true")  # gone if the page reloads
    expect(bram.locator("[data-live-discussion]")).to_have_attribute("data-live-state", "connected")

    send_reply(anna, conversation["opening"], "Next Tuesday, the contractor told me.")

    replies = bram.locator(f"#replies-{conversation['opening'].pk}")
    expect(replies.get_by_text("Next Tuesday, the contractor told me.")).to_be_visible(timeout=LIVE)
    expect(bram.locator("[data-live-announcer]")).to_have_text("New reply from Anna")
    expect(bram.locator(f"#thread-summary-{conversation['thread'].pk}")).to_contain_text("1 reply")
    assert bram.evaluate("window.stillTheSamePage") is True
    # Anna's own page, reloaded by her form, shows her reply once, whatever her socket also brings.
    expect(anna.get_by_text("Next Tuesday, the contractor told me.")).to_have_count(1)


def test_bram_catches_up_on_a_reply_sent_while_his_connection_was_down(open_thread, conversation):
    anna, bram = open_thread(conversation["anna"]), open_thread(conversation["bram"])
    network = {"up": True, "sockets": [], "addresses": []}

    def through_the_network(socket):
        network["addresses"].append(socket.url)
        if not network["up"]:
            socket.close()
            return
        socket.connect_to_server()
        network["sockets"].append(socket)

    bram.route_web_socket(re.compile(r"/ws/gesprekken/"), through_the_network)
    bram.goto(thread_url(conversation))
    bram.evaluate("window.stillTheSamePage = true")
    live = bram.locator("[data-live-discussion]")
    expect(live).to_have_attribute("data-live-state", "connected")
    seen = bram.locator("#live-last-event").get_attribute("data-event-id")

    network["up"] = False
    network["sockets"][-1].close()
    expect(live).to_have_attribute("data-live-state", "reconnecting")
    anna.goto(thread_url(conversation))
    send_reply(anna, conversation["opening"], "The letter says Tuesday.")
    expect(anna.locator(f"#replies-{conversation['opening'].pk}")).to_contain_text("The letter says Tuesday.")
    network["up"] = True

    replies = bram.locator(f"#replies-{conversation['opening'].pk}")
    expect(replies.get_by_text("The letter says Tuesday.")).to_be_visible(timeout=30_000)
    assert bram.evaluate("window.stillTheSamePage") is True
    assert network["addresses"][-1].split("?")[1].startswith(f"after={seen}&")  # resumed where it left off
    assert int(bram.locator("#live-last-event").get_attribute("data-event-id")) > int(seen)


def test_events_that_arrive_twice_change_nothing(open_thread, conversation):
    """Catch-up and a live push can bring the same event twice; replaying the whole history changes nothing."""
    bram = open_thread(conversation["bram"])
    reply = services.reply(conversation["opening"], "Tuesday, I heard.", conversation["anna"])
    sockets = []

    def through_the_network(socket):
        socket.connect_to_server()
        sockets.append(socket)

    bram.route_web_socket(re.compile(r"/ws/gesprekken/"), through_the_network)
    bram.goto(thread_url(conversation))
    marker = bram.locator("#live-last-event")
    latest = marker.get_attribute("data-event-id")
    expect(bram.locator("[data-live-discussion]")).to_have_attribute("data-live-state", "connected")

    bram.evaluate("document.getElementById('live-last-event').dataset.eventId = '0'")  # as if it saw nothing
    sockets[-1].close()
    expect(marker).to_have_attribute("data-event-id", latest)  # caught up on everything again, from the start
    assert "?after=0&" in sockets[-1].url

    expect(bram.locator(f"#post-{reply.pk}")).to_have_count(1)
    expect(bram.locator(f"#post-{conversation['opening'].pk}")).to_have_count(1)
    expect(bram.locator(f"#thread-summary-{conversation['thread'].pk}")).to_contain_text("1 reply")
