"""`make serve REPLICAS=2`: two app processes behind HAProxy on one port, seen from real browsers."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from explorer import cluster


@pytest.fixture(scope="module")
def two_replicas() -> Iterator[cluster.Cluster]:
    running = cluster.start(2, cluster.free_port())
    yield running
    running.stop()


def replica_of(context: BrowserContext) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == cluster.COOKIE)


def open_reader(browser: Browser, url: str) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    page = context.new_page()
    page.goto(url + "/endorsements")
    expect(page.get_by_role("heading", name="Endorsements", level=1)).to_be_visible(timeout=60_000)
    return context


def test_two_readers_use_both_replicas_and_a_killed_replicas_reader_goes_on(browser: Browser, two_replicas: cluster.Cluster):
    readers = [open_reader(browser, two_replicas.url) for _ in range(2)]
    served = [replica_of(r) for r in readers]
    assert sorted(served) == ["r1", "r2"]  # round-robin for new readers, then a cookie keeps each on its replica

    # Each reader's page works on its own replica: a filter change reruns there.
    page = readers[0].pages[0]
    page.goto(two_replicas.url + "/endorsements?kind=labor")
    expect(page.get_by_text("endorsement rows").first).to_be_visible(timeout=60_000)
    assert replica_of(readers[0]) == served[0]

    # Kill the first reader's replica: HAProxy's health check marks it down, and the page's own websocket
    # reconnects (no reload) through HAProxy to the other replica, which re-pins the reader with its cookie.
    two_replicas.kill(served[0])
    deadline = time.monotonic() + 60
    while replica_of(readers[0]) != served[1] and time.monotonic() < deadline:
        page.wait_for_timeout(500)
    assert replica_of(readers[0]) == served[1]
    expect(page.get_by_text("endorsement rows").first).to_be_visible(timeout=60_000)
    page.get_by_role("link", name="Quotes").first.click()  # and it goes on working there
    expect(page.get_by_role("heading", name="Quotes", level=1)).to_be_visible(timeout=60_000)
    # The other reader, never on the killed replica, is untouched.
    other = readers[1].pages[0]
    other.goto(two_replicas.url + "/endorsements?kind=sheriffs")
    expect(other.get_by_text("endorsement rows").first).to_be_visible(timeout=60_000)
    for r in readers:
        r.close()
