"""A förvaltning's own PowerPoint template for its nämnd's slide decks: uploaded by the nämnd's controller, checked
(a real 16:9 .pptx with the deck's layouts, size-limited, a Swedish message otherwise), stored through the storage
API, used by the slide export, in the history and the audit log."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pptx import Presentation
from pptx.util import Inches

from tertial.exports.make_base_pptx import BASE_PPTX
from tertial.exports.pptx import build_pptx
from tertial.exports.selectors import load_report
from tertial.exports.slide_templates import SlideTemplateError, slide_template_remove, slide_template_upload
from tertial.models import AuditEvent, Report, SlideTemplate

from .helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _template(*, layout_name="Förvaltningens innehåll", size=None, drop_type=None) -> bytes:
    """The city's base.pptx as a förvaltning would change it: a layout renamed, an example slide of its own."""
    prs = Presentation(str(BASE_PPTX))
    for layout in prs.slide_layouts:
        if layout._element.get("type") == "obj":
            layout.name = layout_name
        if layout._element.get("type") == drop_type:
            layout._element.set("type", "cust")
    example = prs.slides.add_slide(prs.slide_layouts[0])
    example.shapes.title.text = "Klicka för att lägga till rubrik"
    if size:
        prs.slide_width, prs.slide_height = size
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _upload(data: bytes, name="mall.pptx"):
    return SimpleUploadedFile(name, data, content_type="application/vnd.ms-powerpoint")


def _page(report):
    return reverse("exports:slide_template", args=[report.namnd.slug, report.period.code])


def test_the_controllers_template_is_used_by_the_slide_export(report, users, media):
    template = slide_template_upload(namnd=report.namnd, user=users["controller"], file=_upload(_template()))
    # Stored under the storage's own name, not a path of this machine.
    assert template.file.name.startswith(f"presentationsmallar/{report.namnd_id}/")
    assert (media / template.file.name).exists()
    report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
    deck = Presentation(io.BytesIO(build_pptx(load_report(report))))
    assert "Förvaltningens innehåll" in [layout.name for layout in deck.slide_layouts]
    # The template's example slide is not in the deck: it starts with the report's title slide.
    assert deck.slides[0].shapes.title.text == report.title
    texts = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    assert not any("Klicka för att" in t for t in texts)

    # Removed: the city's look again, and the file leaves the storage once the change is committed.
    slide_template_remove(namnd=report.namnd, user=users["controller"])
    deck = Presentation(io.BytesIO(build_pptx(load_report(report))))
    assert "Förvaltningens innehåll" not in [layout.name for layout in deck.slide_layouts]


def test_the_template_is_stored_read_and_removed_through_its_fields_storage(
    report, users, media, monkeypatch, django_capture_on_commit_callbacks
):
    """`SlideTemplate.file`'s own storage, also where it is not the default storage."""
    from django.core.files.storage import InMemoryStorage, default_storage

    storage = InMemoryStorage()
    monkeypatch.setattr(SlideTemplate._meta.get_field("file"), "storage", storage)
    name = slide_template_upload(namnd=report.namnd, user=users["controller"], file=_upload(_template())).file.name
    assert storage.exists(name) and not default_storage.exists(name)
    report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
    deck = Presentation(io.BytesIO(build_pptx(load_report(report))))
    assert "Förvaltningens innehåll" in [layout.name for layout in deck.slide_layouts]
    with django_capture_on_commit_callbacks(execute=True):
        slide_template_remove(namnd=report.namnd, user=users["controller"])
    assert not storage.exists(name)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.7 not a deck", "mall.pptx", "Filen mall.pptx är inte en PowerPoint-presentation (.pptx)."),
        (None, "mall.xlsx", "En presentationsmall ska vara en PowerPoint-fil (.pptx)."),
        ("zip", "mall.pptx", "Filen mall.pptx är inte en PowerPoint-presentation (.pptx)."),
        ("4:3", "mall.pptx", "Mallen ska ha bildformatet bredbild (16:9), som stadens presentationer."),
        ("secHead", "mall.pptx", "Mallen saknar layouten Avsnittsrubrik (med rubrik och textruta)."),
    ],
)
def test_a_file_that_cannot_be_a_template_is_refused_in_swedish(report, users, media, data, name, message):
    if data is None:
        data = _template()
    elif data == "zip":  # a zip, but an Excel workbook renamed
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("xl/workbook.xml", "<workbook/>")
        data = buffer.getvalue()
    elif data == "4:3":
        data = _template(size=(Inches(10), Inches(7.5)))
    elif data == "secHead":
        data = _template(drop_type="secHead")
    with pytest.raises(SlideTemplateError) as refused:
        slide_template_upload(namnd=report.namnd, user=users["controller"], file=_upload(data, name))
    assert str(refused.value).startswith(message)
    assert not SlideTemplate.objects.exists() and not any(media.rglob("*.pptx"))


def test_size_is_limited(report, users, media, settings):
    settings.MAX_SLIDE_TEMPLATE_SIZE = 10_000
    with pytest.raises(SlideTemplateError, match="för stor: en presentationsmall får vara högst"):
        slide_template_upload(namnd=report.namnd, user=users["controller"], file=_upload(_template()))


def test_only_the_namnds_controller_changes_it_and_everyone_who_exports_sees_it(client, report, users, media):
    page = _page(report)
    assert client.get(page).status_code == 302  # anonymous: to the login page
    login(client, users["outsider"])
    assert client.post(page, {"file": _upload(_template())}).status_code == 404
    login(client, users["skribent"])
    assert client.post(page, {"file": _upload(_template())}).status_code == 403
    assert not SlideTemplate.objects.exists()
    with pytest.raises(SlideTemplateError, match="Bara nämndens controller"):
        slide_template_upload(namnd=report.namnd, user=users["sekreterare"], file=_upload(_template()))

    login(client, users["controller"])
    refused = client.post(page, {"file": _upload(b"inte en mall")})
    assert refused.status_code == 400
    assert "Filen mall.pptx är inte en PowerPoint-presentation (.pptx)." in refused.content.decode()
    assert client.post(page, {"file": _upload(_template(), "Hässelby mall.pptx")}).status_code == 302
    template = SlideTemplate.objects.get(namnd=report.namnd)
    assert template.original_name == "Hässelby mall.pptx" and template.uploaded_by == users["controller"]
    # A second upload replaces the first: one template per nämnd, both in its history.
    assert client.post(page, {"file": _upload(_template(), "ny mall.pptx")}).status_code == 302
    template.refresh_from_db()
    assert template.original_name == "ny mall.pptx" and template.history.count() == 2
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.SLIDE_TEMPLATE).order_by("id")
    assert [e.detail.split(" (")[0] for e in events] == ["Uppladdad: Hässelby mall.pptx", "Uppladdad: ny mall.pptx"]
    assert events[0].username == "controller" and events[0].target == f"presentationsmall: {report.namnd}"

    login(client, users["sekreterare"])  # may export: sees which template the deck uses, cannot change it
    shown = client.get(page).content.decode()
    assert "ny mall.pptx" in shown and 'type="file"' not in shown
    delete = reverse("exports:slide_template_delete", args=[report.namnd.slug, report.period.code])
    assert client.post(delete).status_code == 403
    login(client, users["controller"])
    assert client.post(delete).status_code == 302
    assert not SlideTemplate.objects.exists()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.SLIDE_TEMPLATE, detail__startswith="Borttagen").exists()


def _layout_names(report) -> list[str]:
    report = Report.objects.select_related("namnd", "period").get(pk=report.pk)
    return [layout.name for layout in Presentation(io.BytesIO(build_pptx(load_report(report)))).slide_layouts]


def test_a_faststalld_report_keeps_the_template_it_was_faststalld_with(
    report, users, media, monkeypatch, django_capture_on_commit_callbacks
):
    from tertial.workflow import set_report_status

    monkeypatch.setattr("tertial.checks.publication_blockers", lambda r: [])  # the check is not what is tested
    controller = users["controller"]
    first = slide_template_upload(namnd=report.namnd, user=controller, file=_upload(_template(layout_name="Första")))
    Report.objects.filter(pk=report.pk).update(status=Report.Status.UNDER_GRANSKNING)
    set_report_status(report=report, user=controller, to_status=Report.Status.FASTSTALLD)
    report.refresh_from_db()
    assert report.slide_template_file == first.file.name
    old_file = first.file.name

    # Replaced after fastställande: the nämnd's next reports get the new look, the fastställd one keeps its own,
    # and its file stays in the storage while the report uses it.
    with django_capture_on_commit_callbacks(execute=True) as deletes:  # the file deletion runs after the commit
        slide_template_upload(namnd=report.namnd, user=controller, file=_upload(_template(layout_name="Andra")))
    assert len(deletes) == 1 and (media / old_file).exists()
    assert "Första" in _layout_names(report) and "Andra" not in _layout_names(report)
    with django_capture_on_commit_callbacks(execute=True):
        slide_template_remove(namnd=report.namnd, user=controller)
    assert (media / old_file).exists() and len(list(media.rglob("*.pptx"))) == 1  # the second one's file is gone
    assert "Första" in _layout_names(report)

    # Reopened: the report is the nämnd's own again (the city's look now), the file it kept is no longer needed.
    with django_capture_on_commit_callbacks(execute=True):
        set_report_status(report=report, user=controller, to_status=Report.Status.UNDER_ARBETE, reason="Rättelse")
    report.refresh_from_db()
    assert report.slide_template_file == ""
    assert "Första" not in _layout_names(report)
    assert not (media / old_file).exists()


def test_a_report_faststalld_with_the_citys_look_keeps_it(report, users, media, monkeypatch):
    from tertial.workflow import set_report_status

    monkeypatch.setattr("tertial.checks.publication_blockers", lambda r: [])
    Report.objects.filter(pk=report.pk).update(status=Report.Status.UNDER_GRANSKNING)
    set_report_status(report=report, user=users["controller"], to_status=Report.Status.FASTSTALLD)
    slide_template_upload(namnd=report.namnd, user=users["controller"], file=_upload(_template(layout_name="Ny")))
    assert "Ny" not in _layout_names(report)
