"""Exportera → Presentationsmall in the browser: the nämnd's controller uploads a PowerPoint template and then a
file that is none (the Swedish message beside the field); axe-core finds nothing on the page in each state."""

import pytest
from django.urls import reverse

from tertial.models import SlideTemplate
from tests.conftest import PASSWORD
from tests.e2e.conftest import assert_no_axe_violations, login
from tests.tertial.test_slide_template import _template

pytestmark = pytest.mark.e2e


def test_the_controller_uploads_a_template_and_is_told_in_swedish_why_a_file_is_refused(
    page, settings, tmp_path, report, users
):
    settings.MEDIA_ROOT = tmp_path
    login(page, users["controller"].username, PASSWORD)
    page.goto(reverse("exports:slide_template", args=[report.namnd.slug, report.period.code]))
    assert page.get_by_role("heading", level=1).inner_text() == f"Presentationsmall för {report.namnd.name}"
    assert page.get_by_text("Nämndens presentationer har stadens utseende.").is_visible()
    assert_no_axe_violations(page)

    field = page.get_by_label("PowerPoint-mall (.pptx, bredbild 16:9)")
    field.set_input_files(
        files=[{"name": "Förvaltningens mall.pptx", "mimeType": "application/octet-stream", "buffer": _template()}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Ladda upp mallen").click()
    # Once, in the page's own place for messages (base.html), not a second time as a list with a role that is none
    assert page.locator(".messages").inner_text().startswith("Presentationsmallen är uppladdad.")
    assert page.get_by_text("Presentationsmallen är uppladdad.").count() == 1
    assert page.get_by_text("Förvaltningens mall.pptx").is_visible()
    assert SlideTemplate.objects.get(namnd=report.namnd).original_name == "Förvaltningens mall.pptx"
    assert_no_axe_violations(page)

    field.set_input_files(files=[{"name": "mall.pptx", "mimeType": "text/plain", "buffer": b"inte en mall"}])
    with page.expect_navigation():
        page.get_by_role("button", name="Ladda upp mallen").click()
    error = "Filen mall.pptx är inte en PowerPoint-presentation (.pptx)."
    assert page.get_by_text(error).is_visible()
    assert field.get_attribute("aria-invalid") == "true"
    assert error in page.get_by_label("PowerPoint-mall (.pptx, bredbild 16:9)").evaluate(
        "el => document.getElementById(el.getAttribute('aria-describedby')).textContent"
    )
    assert SlideTemplate.objects.get(namnd=report.namnd).original_name == "Förvaltningens mall.pptx"
    assert_no_axe_violations(page)
