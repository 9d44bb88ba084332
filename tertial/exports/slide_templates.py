"""A förvaltning's own PowerPoint template for its nämnd's slide decks: checked when it is uploaded, stored through
Django's storage API (`SlideTemplate.file`), used by `tertial.exports.pptx` instead of the city's base.pptx.

A template is accepted when it is a real .pptx (a zip with a presentation in it that python-pptx opens), not larger
than `MAX_SLIDE_TEMPLATE_SIZE`, its zip directory within bounds (a zip bomb is refused without unpacking), in
16:9, and with the four layouts the deck uses, found by their PowerPoint layout type, not their position or name
(a Swedish PowerPoint calls them Rubrikbild, Rubrik och innehåll, Avsnittsrubrik and Endast rubrik).
"""

import io
import zipfile
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from pptx import Presentation

from .. import access
from ..audit import record
from ..errors import ServiceError
from ..models import AuditEvent, SlideTemplate
from ..numbers import format_number
from .make_base_pptx import BASE_PPTX, LAYOUT_CONTENT, LAYOUT_SECTION, LAYOUT_TITLE, LAYOUT_TITLE_ONLY

# The deck's layouts: PowerPoint's layout type (sldLayout/@type), the Swedish name users know it by, and the
# placeholder indices the deck fills (0 the title; 1 the subtitle, body or content).
LAYOUTS = {
    LAYOUT_TITLE: ("title", "Rubrikbild", (0, 1)),
    LAYOUT_CONTENT: ("obj", "Rubrik och innehåll", (0, 1)),
    LAYOUT_SECTION: ("secHead", "Avsnittsrubrik", (0, 1)),
    LAYOUT_TITLE_ONLY: ("titleOnly", "Endast rubrik", (0,)),
}
MAX_ENTRIES = 2000
MAX_UNPACKED = 200 * 1024 * 1024
WIDESCREEN = 16 / 9


class SlideTemplateError(ServiceError):
    """A Swedish message saying why the file cannot be the nämnd's presentationsmall."""


def layouts_of(prs) -> dict:
    """The deck's layouts in `prs` by the deck's layout constant; SlideTemplateError naming the ones missing."""
    found, missing = {}, []
    for key, (kind, name, indices) in LAYOUTS.items():
        layout = next(
            (
                layout
                for layout in prs.slide_layouts
                if layout._element.get("type") == kind
                and set(indices) <= {ph.placeholder_format.idx for ph in layout.placeholders}
            ),
            None,
        )
        if layout is None:
            missing.append(name)
        else:
            found[key] = layout
    if missing:
        raise SlideTemplateError(
            f"Mallen saknar {'layouten' if len(missing) == 1 else 'layouterna'} {', '.join(missing)} (med rubrik "
            "och textruta). Utgå från en av PowerPoints standardlayouter eller stadens mall."
        )
    return found


def _mb(size: int) -> str:
    if size < 1024 * 1024:
        return f"{format_number(Decimal(size) / 1024, 0)} kB"
    return f"{format_number(Decimal(size) / 1024 / 1024, 1 if size < 10 * 1024 * 1024 else 0)} MB"


def check(data: bytes, name: str = "") -> None:
    """Refuse, with a Swedish message, what cannot be the template of a deck (see the module docstring)."""
    not_pptx = f"Filen {name} är inte en PowerPoint-presentation (.pptx).".replace("  ", " ")
    if len(data) > settings.MAX_SLIDE_TEMPLATE_SIZE:
        raise SlideTemplateError(
            f"Filen är för stor: en presentationsmall får vara högst {_mb(settings.MAX_SLIDE_TEMPLATE_SIZE)}."
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SlideTemplateError(not_pptx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SlideTemplateError(not_pptx) from None
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise SlideTemplateError("Filen packas upp till för många eller för stora delar för att vara en mall.")
    if not any(e.filename == "ppt/presentation.xml" for e in entries):
        raise SlideTemplateError(not_pptx)
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception:  # python-pptx raises many kinds for a damaged or foreign file; all mean the same here
        raise SlideTemplateError(f"{not_pptx} Den kan vara skadad: spara om den i PowerPoint.") from None
    if not prs.slide_width or not prs.slide_height or abs(prs.slide_width / prs.slide_height - WIDESCREEN) > 0.02:
        raise SlideTemplateError("Mallen ska ha bildformatet bredbild (16:9), som stadens presentationer.")
    layouts_of(prs)


def _check_controller(user, namnd) -> None:
    if user is None or not access.can(user, namnd.pk, access.CONTROL):
        raise SlideTemplateError("Bara nämndens controller kan byta presentationsmall.")


@transaction.atomic
def slide_template_upload(*, namnd, user, file, request=None) -> SlideTemplate:
    """Make `file` the nämnd's presentationsmall (replacing the one before), through the default storage; in the
    template's history and the audit log."""
    _check_controller(user, namnd)
    name = Path(file.name or "").name
    if Path(name).suffix.lower() != ".pptx":
        raise SlideTemplateError("En presentationsmall ska vara en PowerPoint-fil (.pptx).")
    file.seek(0)
    check(file.read(settings.MAX_SLIDE_TEMPLATE_SIZE + 1), name)  # never more than one byte past the limit
    file.seek(0)
    template = SlideTemplate.objects.select_for_update().filter(namnd=namnd).first()
    previous = template.file.name if template else None
    template = template or SlideTemplate(namnd=namnd)
    template.original_name, template.size, template.uploaded_by = name, file.size, user
    template.file.save(name, file, save=False)
    try:
        template.full_clean()
        template.save()
    except Exception:
        template.file.delete(save=False)  # no orphan file in the storage
        raise
    if previous and previous != template.file.name:
        release_kept(previous)
    record(
        kind=AuditEvent.Kind.SLIDE_TEMPLATE,
        request=request,
        user=user,
        target=f"presentationsmall: {namnd}",
        detail=f"Uppladdad: {name} ({_mb(file.size)})",
    )
    return template


@transaction.atomic
def slide_template_remove(*, namnd, user, request=None) -> None:
    """Back to the city's base look: the nämnd's template removed (and its file, once the change is committed)."""
    _check_controller(user, namnd)
    template = SlideTemplate.objects.select_for_update().filter(namnd=namnd).first()
    if template is None:
        return
    stored = template.file.name
    template.delete()
    release_kept(stored)
    record(
        kind=AuditEvent.Kind.SLIDE_TEMPLATE,
        request=request,
        user=user,
        target=f"presentationsmall: {namnd}",
        detail=f"Borttagen: {template.original_name}",
    )


def keep_for_faststalld(report) -> str:
    """The storage name of the template a report is fastställd with ("" for the city's look), read under the
    template's lock so that an upload at the same moment cannot delete the file the report is about to keep."""
    template = SlideTemplate.objects.select_for_update().filter(namnd_id=report.namnd_id).first()
    return template.file.name if template else ""


def release_kept(name: str) -> None:
    """Delete the stored template file `name` once the transaction commits, unless it is still used: the nämnd's
    current template or kept by a fastställd report (`Report.slide_template_file`)."""
    if not name:
        return
    storage = SlideTemplate._meta.get_field("file").storage

    def delete():
        from ..models import Report

        if SlideTemplate.objects.filter(file=name).exists() or Report.objects.filter(slide_template_file=name).exists():
            return
        storage.delete(name)

    transaction.on_commit(delete)


def deck_source(report):
    """What a report's deck starts from: the template it was fastställd with, else the nämnd's own template (one
    query, one storage read), else base.pptx. A template whose file has gone from the storage falls back to the
    city's look rather than failing the export."""
    if report.status == report.Status.FASTSTALLD:
        name = report.slide_template_file
    else:
        name = SlideTemplate.objects.filter(namnd_id=report.namnd_id).values_list("file", flat=True).first()
    if name:
        try:
            with SlideTemplate._meta.get_field("file").storage.open(name, "rb") as handle:
                return io.BytesIO(handle.read())
        except FileNotFoundError:
            pass
    return str(BASE_PPTX)
