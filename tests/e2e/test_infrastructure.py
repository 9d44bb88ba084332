"""The browser-test machinery itself: chromium starts, a user logs in through the real form, and the axe
scan both passes on clean pages and reports a violation it is shown."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_no_axe_violations, axe_violations, format_violations, login

pytestmark = pytest.mark.e2e


def test_login_page_has_no_axe_violations(page):
    page.goto(reverse("login"))
    assert page.get_by_role("heading", name="Logga in").is_visible()
    assert_no_axe_violations(page)


def test_admin_index_for_a_controller_has_no_axe_violations(page, report, users):
    controller = users["controller"]
    controller.is_staff = True
    controller.save()
    login(page, "controller", PASSWORD)
    page.goto(reverse("admin:index"))
    assert page.get_by_role("link", name="Indikatorer").first.is_visible()
    assert_no_axe_violations(page)


def test_axe_scan_reports_what_is_wrong(page):
    # An image without alt text and an unlabelled input: the helper must fail, and say where.
    page.goto(reverse("login"))
    page.evaluate(
        """() => {
            document.querySelector('main').insertAdjacentHTML('beforeend',
                '<img src="data:," id="no-alt"><input type="text" id="no-label">');
        }"""
    )
    violations = axe_violations(page)
    assert {"image-alt", "label"} <= {v["id"] for v in violations}
    report = format_violations(violations)
    assert "#no-alt" in report and "#no-label" in report
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page)
