"""Every address that only takes a POST checks the user's right before the method, across the whole URLconf.

A GET to such an address answers 405 only to those who may post to it; everybody else gets what the permission
check gives (404 without a role in the nämnd, 403 with a role that may not write), so that a 405 never tells an
outsider that the address exists. The POST-only addresses are found from the URL patterns, not listed: a new view
with `@require_POST` above its permission check fails here.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .helpers import login

# Django's own (the admin has its scope tests in test_admin_scope.py, login/logout are for everybody).
SKIP_PREFIXES = ("admin/", "konto/")


def _patterns(resolver, prefix="", namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _patterns(pattern, prefix + str(pattern.pattern), inner or None)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern, namespace


def _addresses(report, section):
    """(name, path) for every app address, its parameters filled from `report` and its section 1.1."""
    values = {
        "slug": report.namnd.slug,
        "period": report.period.code,
        "year": str(report.period.year),
        "pk": str(section.pk),
        "number": "1",
        "fmt": "docx",
        "history_id": str(section.history.first().history_id),
        "view": "indikatorer",
    }
    for route, pattern, namespace in _patterns(get_resolver()):
        if route.startswith(SKIP_PREFIXES):
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        assert set(names) <= set(values), f"{route}: a parameter the test does not know; add it to `values`"
        path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda match: values[match.group(1)], route)
        yield ":".join(filter(None, [namespace, pattern.name])), path


@pytest.fixture
def post_only(client, superuser, report):
    """The addresses that answer a superuser's GET with 405 (the superuser passes every permission check)."""
    section = report.sections.get(goal__number="1.1")
    login(client, superuser)
    found = [(name, path) for name, path in _addresses(report, section) if client.get(path).status_code == 405]
    client.logout()
    return found


@pytest.mark.parametrize(
    "role",
    [
        "outsider",  # controller of another nämnd: 404 for the nämnd's addresses, 403/404 for the city's
        "stad",  # the city-wide reader: may read every report, write none
        "sekreterare",  # reads the nämnd's report, exports it, writes nothing
        "skribent",  # writes sections, controls nothing
    ],
)
def test_a_get_to_a_post_only_address_reveals_nothing_to_those_who_may_not_post(client, users, post_only, role):
    # The fixes of 92bfaad, 568b52f, 4b71e07 and the rest: the detection must see them all.
    assert len(post_only) >= 30, post_only
    login(client, users[role])
    wrong = []
    for name, path in post_only:
        get = client.get(path).status_code
        if get == 405:
            # Only who may post may learn the method: the outsider never, the others only where the POST passes
            # the permission check too (with a role in the nämnd a refusal is 403; a 404 is the test's made-up pk).
            posted = client.post(path, {}).status_code
            if role == "outsider" or posted == 403:
                wrong.append((name, path, "GET 405, POST", posted))
        elif get not in (403, 404):
            wrong.append((name, path, "GET", get))
    assert not wrong, wrong
