"""Writes on a year's report template (city administrators): made from the previous year's, or from the registry's
defaults for a first year; entries added, edited, moved and removed. Reports already made keep their structure."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from . import access, sections
from .errors import ServiceError, validation_message
from .template_models import ReportTemplate, TemplateSection


def _check_admin(user):
    if user is not None and not access.is_city_admin(user):
        raise ServiceError("Bara stadens administratörer får ändra rapportmallen.")


def default_entries(template: ReportTemplate) -> list[TemplateSection]:
    """A first year's template: the registry's default kinds with their own titles, in document order."""
    entries = []
    for position, info in enumerate(sections.default_template_kinds(), start=1):
        entries.append(
            TemplateSection(
                template=template,
                kind=info.key,
                key=slugify(info.key),
                title=info.label,
                chapter=info.chapter,
                position=position * 10,
                required=info.default_required,
                may_be_not_applicable=info.may_be_not_applicable,
                instructions=info.default_instructions,
                periods=info.default_periods,
            )
        )
    return entries


@transaction.atomic
def template_for_year(*, year: int, user=None) -> ReportTemplate:
    """The template of budget year `year`, made when it does not exist yet: a copy of the latest earlier year's,
    or the registry's defaults. Reports are created from it (`tertial.services.report_create`)."""
    template = ReportTemplate.objects.filter(year=year).first()
    if template is not None:
        return template
    source = ReportTemplate.objects.filter(year__lt=year).order_by("-year").first()
    return template_copy(source=source, year=year, user=user) if source else _template_new(year=year, user=user)


def _template_new(*, year, user):
    _check_admin(user)
    template = ReportTemplate(year=year)
    template.full_clean()
    template.save()
    bulk_create_with_history(default_entries(template), TemplateSection)
    return template


@transaction.atomic
def template_copy(*, source: ReportTemplate, year: int, user=None) -> ReportTemplate:
    """Budget year `year`'s template as a copy of `source`: every entry with its title, order, rules and anvisningar,
    subsections under their copied parents."""
    _check_admin(user)
    if ReportTemplate.objects.filter(year=year).exists():
        raise ServiceError(f"Det finns redan en rapportmall för {year}.")
    template = ReportTemplate(
        year=year,
        copied_from=source,
        instructions_inriktningsmal=source.instructions_inriktningsmal,
        instructions_kf_mal=source.instructions_kf_mal,
        instructions_namndmal=source.instructions_namndmal,
        inriktningsmal_assessment=source.inriktningsmal_assessment,
    )
    template.full_clean()
    template.save()
    old = list(source.entries.order_by("position", "id"))
    copies = {}
    for entry in old:
        copies[entry.pk] = TemplateSection(
            template=template,
            **{f: getattr(entry, f) for f in _ENTRY_FIELDS},
            kind=entry.kind,
            key=entry.key,
        )
    bulk_create_with_history([copies[e.pk] for e in old if e.parent_id is None], TemplateSection)
    children = [copies[e.pk] for e in old if e.parent_id is not None]
    for entry in old:
        if entry.parent_id is not None:
            copies[entry.pk].parent = copies[entry.parent_id]
    if children:
        bulk_create_with_history(children, TemplateSection)
    return template


_ENTRY_FIELDS = [
    "title",
    "chapter",
    "position",
    "required",
    "may_be_not_applicable",
    "on_slides",
    "instructions",
    "periods",
]


def _unique_key(template, title):
    base = slugify(title)[:70] or "avsnitt"
    taken = set(template.entries.values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def entry_save(*, entry: TemplateSection, user=None) -> TemplateSection:
    """Add or change an entry. A built-in kind stays in its chapter; a free section may be in any but the goals'."""
    _check_admin(user)
    template = entry.template
    if entry.pk is None:
        entry.kind = entry.kind or "fri"
        if entry.kind not in {k.key for k in sections.template_kinds()}:
            raise ServiceError("Okänd typ av avsnitt.")
        entry.key = entry.key or _unique_key(template, entry.title)
        if not entry.position:
            entry.position = (template.entries.aggregate(m=Max("position"))["m"] or 0) + 10
    info = sections.kind(entry.kind)
    if entry.kind != "fri":
        entry.chapter = info.chapter
    if entry.chapter == sections.Chapter.GOALS:
        raise ServiceError("Målen kommer från nämndens plan: ett eget avsnitt hör till ett annat kapitel.")
    if entry.parent_id is not None:
        parent = entry.parent
        if parent.template_id != template.pk or parent.parent_id is not None or parent.pk == entry.pk:
            raise ServiceError("Ett underavsnitt ligger under ett avsnitt på översta nivån i samma mall.")
        entry.chapter = parent.chapter
    if not entry.may_be_not_applicable and not entry.required:
        entry.may_be_not_applicable = True  # an optional section can always be left out
    try:
        entry.full_clean()
    except ValidationError as error:
        raise ServiceError(validation_message(error)) from None
    entry.save()
    return entry


def ordered_entries(entries) -> list[TemplateSection]:
    """Entries in document order: by chapter, each top-level entry followed by its subsections."""
    children = {}
    for entry in entries:
        if entry.parent_id:
            children.setdefault(entry.parent_id, []).append(entry)
    chapter_order = {c: i for i, c in enumerate(sections.CHAPTER_ORDER)}
    top = sorted((e for e in entries if not e.parent_id), key=lambda e: (chapter_order[e.chapter], e.position, e.id))
    ordered = []
    for entry in top:
        ordered.append(entry)
        ordered.extend(sorted(children.get(entry.pk, []), key=lambda e: (e.position, e.id)))
    return ordered


@transaction.atomic
def template_save(*, template: ReportTemplate, user=None) -> ReportTemplate:
    """Save the template's own fields (the anvisningar for the goal sections)."""
    _check_admin(user)
    template.full_clean()
    template.save()
    return template


@transaction.atomic
def entry_delete(*, entry: TemplateSection, user=None) -> None:
    """Remove an entry (and its subsections). Reports already made keep their sections."""
    _check_admin(user)
    for child in entry.children.all():
        child.delete()
    entry.delete()


@transaction.atomic
def entry_move(*, entry: TemplateSection, direction: int, user=None) -> None:
    """Move an entry one place up (-1) or down (+1) among its siblings in the same chapter."""
    _check_admin(user)
    siblings = list(
        TemplateSection.objects.select_for_update()
        .filter(template=entry.template, chapter=entry.chapter, parent=entry.parent)
        .order_by("position", "id")
    )
    index = next(i for i, e in enumerate(siblings) if e.pk == entry.pk)
    other = index + direction
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position * 10:
            sibling.position = position * 10
            sibling.save(update_fields=["position"])
