"""Browser tests: Playwright driving Debian's chromium against pytest-django's `live_server`.

No browser is ever downloaded: chromium is `/usr/bin/chromium` (or `$CHROMIUM`); without it, or without
Playwright, every `@pytest.mark.e2e` test is skipped with the reason, except where `E2E_REQUIRED=1` (CI) makes
a missing browser an error, so that CI cannot go green by skipping them. `assert_no_axe_violations(page)` runs the
vendored axe-core (tests/e2e/vendor/axe-core) against WCAG 2.1 A and AA.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread with a
# running loop unless told this is safe (it is: the test and the live server share nothing but the database).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright är inte installerat"
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"chromium saknas ({CHROMIUM})"
    return None


def pytest_collection_modifyitems(config, items):
    if not any("e2e" in item.keywords for item in items):
        return
    reason = _missing()
    if reason and os.environ.get("E2E_REQUIRED") == "1":
        raise pytest.UsageError(f"E2E_REQUIRED=1 men webbläsartesterna kan inte köras: {reason}")
    if reason:
        skip = pytest.mark.skip(reason=f"webbläsartest hoppas över: {reason}")
        for item in items:
            if "e2e" in item.keywords:
                item.add_marker(skip)


# Per module, not per session: Playwright's sync API allows one instance per thread at a time, and other test
# modules (tests/tertial/test_editor_js.py) start their own.
@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        # launch() manages its own profile; the temporary directory keeps chromium's crash/config files out of $HOME.
        os.environ.setdefault("XDG_CONFIG_HOME", profile)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) pointed at the live server, Swedish locale. The test fails if the
    Content Security Policy blocked anything on any page it visited (an inline style or script, htmx's styles)."""
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)  # generous: CI machines are shared
    page = context.new_page()
    blocked = []
    page.on(
        "console",
        lambda message: (
            blocked.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not blocked, "Content Security Policy blockerade:\n" + "\n".join(blocked)


def login(page, username, password):
    """Log in through the site's own login form and wait for the landing page."""
    page.goto("/konto/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()


def axe_violations(page) -> list[dict]:
    """axe-core's violations for the page as it is now (WCAG 2.0/2.1 A and AA rules only)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, not as an inline <script>: the page's Content Security Policy
        # (rightly) refuses inline scripts, and the test must not weaken it.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: tags, resultTypes: ['violations']})", AXE_TAGS
    )
    return result["violations"]


def format_violations(violations: list[dict]) -> str:
    """One paragraph per rule: id, impact, what is wrong, and each offending element with axe's own advice."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"        {summary_line}")
    return "\n".join(lines)


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert not violations, f"axe-core hittade WCAG 2.1 A/AA-fel på {page.url}:\n{format_violations(violations)}"


def text_editor(page, name: str):
    """The rich-text editor named `name` (its label), once static/js/prose.js has started it. Until then the page
    shows the plain textarea, which Playwright would otherwise pick and then wait on after it is hidden."""
    page.locator(".richtext-editor .ProseMirror").first.wait_for()
    return page.get_by_role("textbox", name=name, exact=True)


@pytest.fixture
def filled(report, users):
    """The report's goal section 1.1 with an analysis, and its first indicator with an outcome and an analysis
    (tests/e2e/test_print.py, test_search.py)."""
    from tertial.services import ensure_report_sections
    from tests.tertial.helpers import write_goal_section

    ensure_report_sections(report=report)
    section, _indicator = write_goal_section(
        report, users["skribent"], "Analysen av målet skrivs ut i sin helhet.", "Indikatorns analys skrivs ut."
    )
    return section


@pytest.fixture
def economy_reports(db):
    """The two seed reports' economy (economy.demo): Hässelby-Vällingby T2 2022 (a stadsdelsnämnd's 18 tables)
    and Socialnämnden T1 2024 (a facknämnd's layout), each with its controller, `hvcontroller` and `sncontroller`
    (tests/e2e/test_economy_axe.py, test_print.py)."""
    from economy.demo import load_hasselby_vallingby_2022, load_socialnamnden_2024
    from tertial.models import Membership, Namnd
    from tests.conftest import make_namnd, make_period, make_report, make_user

    hv = make_report(make_namnd("Hässelby-Vällingby stadsdelsnämnd", "hv"), make_period(2022, "T2"), with_tree=False)
    load_hasselby_vallingby_2022(hv)
    sn = make_report(make_namnd("Socialnämnden", "sn", Namnd.Kind.FACKNAMND), make_period(2024, "T1"), with_tree=False)
    load_socialnamnden_2024(sn)
    for report, name in ((hv, "hvcontroller"), (sn, "sncontroller")):
        make_user(name, namnd=report.namnd, role=Membership.Role.CONTROLLER)
    return hv, sn
