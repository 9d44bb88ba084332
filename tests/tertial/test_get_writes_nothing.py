"""No page writes on GET: every page a user can reach by following links from Mina rapporter (one page per
address pattern, as each role of the demo sees them) reads the database and writes nothing but its session, the
login throttle's records and the cache. A GET that made an export, a check result row, a draft or a history row
would fail here, naming the address."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.demo_db import demo_db  # noqa: F401

# Tables a GET may write: the session, django-axes' access records and the database cache (the overview's
# fragments, the publication check's results).
ALLOWED = ("django_session", "axes_", "tertial_cache")
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)
# Addresses that are files or would log the user out; the admin (its pages are tested in test_admin_leaks).
SKIPPED = ("/konto/logout", "/admin/", "/static/", "/media/")
LIMIT = 400


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.links.append(href)


def _pattern(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _crawl(client) -> dict[str, list[str]]:
    """{address: the tables its GET wrote} for one address per pattern reachable from the start page."""
    seen, queue, written = set(), ["/"], {}
    while queue and len(seen) < LIMIT:
        address = queue.pop(0)
        path = urlsplit(address).path
        if _pattern(address) in seen or path.startswith(SKIPPED):
            continue
        seen.add(_pattern(address))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        tables = [m.group(2) for q in queries.captured_queries if (m := WRITE.match(q["sql"]))]
        bad = sorted({t for t in tables if not t.startswith(ALLOWED)})
        if bad:
            written[address] = bad
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            parser = _Links()
            parser.feed(response.content.decode())
            for href in parser.links:
                target = urljoin(address, href.split("#")[0])
                if target and urlsplit(target).netloc in ("", "testserver") and target.startswith("/"):
                    queue.append(target)
    assert len(seen) > 10, seen  # the crawl reached the report's pages
    return written


@pytest.mark.parametrize("username", ["controller", "skribent", "sekreterare", "stad", "stadsadmin"])
def test_no_page_a_user_reaches_writes_on_get(demo_db, db, client, username):  # noqa: F811
    client.force_login(get_user_model().objects.get(username=username))
    assert _crawl(client) == {}
