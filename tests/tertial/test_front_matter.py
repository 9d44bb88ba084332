"""The tjänsteutlåtande's front matter and bilagor: edited by the controller, printed on the first page and in the
header, delivered with the document as a zip; files that say when and by whom they were made."""

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from pptx import Presentation

from tertial.errors import ServiceError
from tertial.exports.docx import build_docx
from tertial.exports.selectors import load_report
from tertial.exports.services import build
from tertial.models import Attachment, ExportFile, Namnd, Report
from tertial.services import attachment_add, attachment_remove, report_update_front_matter
from tests.conftest import make_namnd, make_period

from .export_helpers import make_rich_report

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a small test file\n"
FRONT = {
    "dnr": "HVS 2022/0842",
    "decision_date": "2022-09-08",
    "officer_name": "Anna Andersson",
    "officer_phone": "08-508 05 000",
    "recipient": "",
    "director_name": "Jessica Nordling",
    "department_head_name": "Ulrika Bergström",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def namnd(db):
    """The stadsdelsnämnd of the seed (its name is printed on the first page)."""
    return make_namnd("Hässelby-Vällingby stadsdelsnämnd", "hasselby-vallingby")


@pytest.fixture
def rich(namnd):
    return make_rich_report(namnd, size=1)


def _url(report, name="front_matter", **kwargs):
    return reverse(name, kwargs={"slug": report.namnd.slug, "period": report.period.code, **kwargs})


def _pdf(name="Budgetjusteringar.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _texts(content: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(content)).paragraphs]


def _report(report):
    return Report.objects.select_related("namnd", "period").get(pk=report.pk)


@pytest.mark.parametrize("who, get, post", [("controller", 200, 302), ("skribent", 200, 403), ("outsider", 404, 404)])
def test_who_may_edit_the_front_matter(client, users, rich, who, get, post):
    client.force_login(users[who])
    history = rich.history.count()
    assert client.get(_url(rich)).status_code == get
    assert client.post(_url(rich), FRONT).status_code == post
    saved = _report(rich)
    assert (saved.dnr == FRONT["dnr"]) is (post == 302)
    assert saved.history.count() == history + (post == 302)  # the change is in the history, a refusal is not
    if post == 302:
        assert saved.decision_date == date(2022, 9, 8)


def test_anonymous_is_sent_to_login(client, rich):
    assert client.get(_url(rich)).status_code == 302


def test_a_faststalld_report_keeps_its_front_matter(client, users, rich):
    rich.status = Report.Status.FASTSTALLD
    rich.save()
    client.force_login(users["controller"])
    response = client.post(_url(rich), FRONT)
    assert response.status_code == 400
    assert "fastställd" in response.content.decode()
    assert _report(rich).dnr == ""


def test_bad_date_is_a_swedish_error_not_a_500(client, users, rich):
    client.force_login(users["controller"])
    response = client.post(_url(rich), {**FRONT, "decision_date": "8 sept"})
    assert response.status_code == 400 and "Fyll i ett giltigt datum" in response.content.decode()


def test_bilagor_are_numbered_listed_and_downloadable(client, users, rich, media):
    client.force_login(users["controller"])
    assert (
        client.post(_url(rich, "attachment_upload"), {"file": _pdf(), "title": "Budgetjusteringar"}).status_code == 302
    )
    xlsx = SimpleUploadedFile("Investeringar.xlsx", b"PK\x03\x04rest")
    assert client.post(_url(rich, "attachment_upload"), {"file": xlsx}).status_code == 302
    listed = list(rich.attachments.values_list("number", "title", "original_name"))
    assert listed == [(1, "Budgetjusteringar", "Budgetjusteringar.pdf"), (2, "Investeringar", "Investeringar.xlsx")]
    # Stored under the storage's own name, not a path the app chose on this machine.
    assert Attachment.objects.get(number=1).file.name.startswith(f"bilagor/{rich.pk}/")
    page = client.get(_url(rich)).content.decode()
    assert "Budgetjusteringar.pdf" in page and "Ta bort bilaga 2" in page
    client.force_login(users["skribent"])
    download = client.get(_url(rich, "attachment_download", number=1))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert "Budgetjusteringar.pdf" in download["Content-Disposition"]
    client.force_login(users["outsider"])
    assert client.get(_url(rich, "attachment_download", number=1)).status_code == 404


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("program.exe", b"MZ\x90\x00"), "PDF-, Word- eller Excelfil"),
        (SimpleUploadedFile("falsk.pdf", b"MZ\x90\x00rest"), "inte en PDF-fil"),
    ],
)
def test_other_files_are_refused(client, users, rich, upload, message):
    client.force_login(users["controller"])
    response = client.post(_url(rich, "attachment_upload"), {"file": upload})
    assert response.status_code == 400 and message in response.content.decode()
    assert not rich.attachments.exists()


def test_size_is_limited(users, rich, settings, media):
    settings.MAX_ATTACHMENT_SIZE = 10
    with pytest.raises(ServiceError, match="högst"):
        attachment_add(report=rich, user=users["controller"], file=_pdf(content=PDF * 2))
    assert not rich.attachments.exists() and not any(media.rglob("*.pdf"))


def test_removing_a_bilaga_renumbers_the_rest(users, rich, media, django_capture_on_commit_callbacks):
    controller = users["controller"]
    first, second, third = (attachment_add(report=rich, user=controller, file=_pdf(f"b{n}.pdf")) for n in (1, 2, 3))
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=first, user=controller)
    assert list(rich.attachments.values_list("number", "original_name")) == [(1, "b2.pdf"), (2, "b3.pdf")]
    assert not (media / first.file.name).exists() and (media / third.file.name).exists()


def test_a_bilaga_is_removed_from_its_fields_storage(users, rich, monkeypatch, django_capture_on_commit_callbacks):
    """The file goes through `Attachment.file`'s own storage, also where it is not the default storage."""
    from django.core.files.storage import InMemoryStorage, default_storage

    storage = InMemoryStorage()
    monkeypatch.setattr(Attachment._meta.get_field("file"), "storage", storage)
    controller = users["controller"]
    first = attachment_add(report=rich, user=controller, file=_pdf("b1.pdf"))
    default_storage.save(first.file.name, io.BytesIO(b"another file of the same name"))  # not the bilaga's
    with django_capture_on_commit_callbacks(execute=True):
        attachment_remove(attachment=Attachment.objects.get(pk=first.pk), user=controller)
    assert not storage.exists(first.file.name) and default_storage.exists(first.file.name)


def test_first_page_signatories_and_bilagor_in_word(users, rich):
    report_update_front_matter(report=rich, user=users["controller"], **{**FRONT, "decision_date": date(2022, 9, 8)})
    attachment_add(report=rich, user=users["controller"], file=_pdf(), title="Begärda budgetjusteringar")
    texts = _texts(build(load_report(_report(rich)), "docx"))
    first = texts[: texts.index("Förslag till beslut")]
    assert first[0] == "Hässelby-Vällingby stadsdelsförvaltning"
    assert {"Dnr: HVS 2022/0842", "Handläggare: Anna Andersson", "Telefon: 08-508 05 000", "2022-09-08"} <= set(first)
    assert "Till Hässelby-Vällingby stadsdelsnämnd" in first
    assert "Tertialrapport 2 2022 för Hässelby-Vällingby stadsdelsnämnd" in first
    assert "Jessica Nordling\tUlrika Bergström" in texts and "Förvaltningsdirektör\tAvdelningschef" in texts
    bilagor = texts.index("Bilagor")
    assert texts[bilagor + 1] == "1. Begärda budgetjusteringar" and bilagor < texts.index("Sammanfattande analys")


def _header(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).sections[0].header.paragraphs)


def test_header_date_is_the_reports_never_today(rich):
    rich.decision_date = None
    rich.save()
    header = _header(build(load_report(_report(rich)), "docx"))
    assert "Datum saknas" in header and date.today().isoformat() not in header
    assert header.startswith("Tjänsteutlåtande\tSid ")


def test_facknamnd_header(db):
    soc = make_namnd("Socialnämnden", "socialnamnden", Namnd.Kind.FACKNAMND)
    report = make_rich_report(soc, make_period(2024, "T1"), size=1)
    content = build(load_report(_report(report)), "docx")
    header = _header(content)
    assert header.startswith("Socialnämnden, Tertialrapport 1(1)\t2024-09-08")
    assert "Tjänsteutlåtande" not in header
    xml = Document(io.BytesIO(content)).sections[0].header._element.xml
    assert "PAGE" in xml and "NUMPAGES" in xml
    assert _texts(content)[0] == "Socialförvaltningen"


def test_zip_holds_the_document_and_its_bilagor(users, rich):
    attachment_add(report=rich, user=users["controller"], file=_pdf(), title="Begärda budgetjusteringar")
    archive = zipfile.ZipFile(io.BytesIO(build(load_report(_report(rich)), "zip")))
    assert archive.namelist() == [
        "Tertialrapport 2 2022 Hässelby-Vällingby.docx",
        "Bilaga 1 Begärda budgetjusteringar.pdf",
    ]
    assert archive.read("Bilaga 1 Begärda budgetjusteringar.pdf") == PDF


def test_zip_is_made_in_the_background_and_logged(
    client, users, rich, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The zip is made by the worker like the PDF: a GET of its address leads to the export page."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(users["sekreterare"])
    args = [rich.namnd.slug, rich.period.code]
    response = client.get(reverse("exports:download", args=[*args, "zip"]))
    assert response.status_code == 302 and response["Location"] == reverse("exports:index", args=args)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:start", args=[*args, "zip"]))
    export_file = ExportFile.objects.get(report=rich)
    assert export_file.status == ExportFile.Status.DONE and export_file.format == "zip"
    assert rich.exports.get().format == "zip"
    download = client.get(reverse("exports:file_download", args=[*args, export_file.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert names[0].endswith(".docx")


def test_word_and_powerpoint_look_made_today(rich):
    data = load_report(_report(rich))
    for fmt in ("docx", "pptx"):
        content = build(data, fmt)
        package = zipfile.ZipFile(io.BytesIO(content))
        app = package.read("docProps/app.xml").decode()
        assert "Macintosh" not in app and "<Application>Tertial</Application>" in app, fmt
        # No leftovers of python-docx's and python-pptx's own templates: their blank thumbnail, Word 2010's copy of
        # the styles, an empty bibliography.
        names = package.namelist()
        assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n or n.startswith("customXml")]
        opened = Document(io.BytesIO(content)) if fmt == "docx" else Presentation(io.BytesIO(content))
        props = opened.core_properties
        assert props.created.date() == date.today() and props.modified.date() == date.today(), fmt
        assert props.author == props.last_modified_by == "Hässelby-Vällingby stadsdelsförvaltning", fmt
        assert "Hässelby-Vällingby stadsdelsnämnd" in props.subject and props.language == "sv-SE", fmt


def test_text_with_markup_characters_and_control_characters_is_written_as_text():
    """Paragraphs and table cells are written as XML text (tertial.exports.docx): `&`, `<` and `>` are escaped,
    the characters Word refuses left out, the spaces kept."""
    from docx.oxml.ns import qn

    from tertial.exports.docx import _paragraph, _run_xml

    p = _paragraph("Normal", _run_xml("Kostnad < 5 mnkr & mål > 3\x07 ") + _run_xml("  "))
    assert [t.text for t in p.iter(qn("w:t"))] == ["Kostnad < 5 mnkr & mål > 3 ", "  "]


def test_every_text_of_the_deck_is_swedish(rich):
    package = zipfile.ZipFile(io.BytesIO(build(load_report(_report(rich)), "pptx")))
    xml = "".join(package.read(n).decode() for n in package.namelist() if n.endswith(".xml") and "/slide" in n)
    assert 'lang="en-US"' not in xml and xml.count('lang="sv-SE"') > 20


def test_front_matter_page_queries_do_not_grow_with_the_bilagor(client, users, rich, django_assert_num_queries):
    client.force_login(users["controller"])
    for n in range(1, 3):
        attachment_add(report=rich, user=users["controller"], file=_pdf(f"b{n}.pdf"))

    def count():
        # Guards against a query per bilaga for its uploader (select_related on the list).
        with django_assert_num_queries(5) as ctx:
            assert client.get(_url(rich)).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for n in range(3, 8):
        attachment_add(report=rich, user=users["controller"], file=_pdf(f"b{n}.pdf"))
    assert count() == small


def test_the_table_of_contents_is_a_checkbox_on_the_page(client, users, rich):
    client.force_login(users["controller"])
    page = client.get(_url(rich)).content.decode()
    assert 'type="checkbox" name="table_of_contents" id="id_table_of_contents" checked' in page
    assert client.post(_url(rich), FRONT).status_code == 302  # an unticked box is not posted
    assert _report(rich).table_of_contents is False
    assert "Innehållsförteckning" not in _texts(build_docx(load_report(_report(rich))))
    assert client.post(_url(rich), {**FRONT, "table_of_contents": "on"}).status_code == 302
    assert _report(rich).table_of_contents is True
    assert "Innehållsförteckning" in _texts(build_docx(load_report(_report(rich))))
