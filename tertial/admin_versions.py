"""Admin saves go through the same services as the pages, version checked.

A section, an indicator outcome or an activity follow-up is saved by `tertial.editing.save_section`; a budgetjustering
by `economy.services.save_adjustment`. The admin form carries, hidden, the version of the section (or economy table)
it was opened at: a stale form gets the conflict page (409, `FrozenAdminMixin.changeform_view`), and every save that
changes something bumps that version, so a section page opened before the admin save gets its conflict page too.
"""

from django import forms
from django.core.exceptions import ValidationError

from .errors import ServiceError

# The largest version a form may carry (PositiveIntegerField); a larger one is refused by the form, not the database.
MAX_VERSION = 2**31 - 1


class VersionedAdminForm(forms.ModelForm):
    """An admin ModelForm with the hidden `version_seen`; subclasses say which version it is (`current_version`)."""

    version_seen = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=MAX_VERSION, label="version"
    )

    def current_version(self) -> int:
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.fields["version_seen"].initial = self.current_version()

    def clean_version_seen(self):
        value = self.cleaned_data.get("version_seen")
        if self.instance.pk is not None and value is None:
            raise ValidationError("Formuläret saknar versionen det öppnades vid: öppna sidan igen.")
        return value


def result_section(result, goal_id):
    """The goal's section in the result's report: the one whose version guards the result's figures."""
    from .models import Section

    return Section.objects.filter(report_id=result.report_id, goal_id=goal_id).only("id", "version").first()


class SectionAdminForm(VersionedAdminForm):
    def current_version(self) -> int:
        return self.instance.version


class IndicatorResultAdminForm(VersionedAdminForm):
    def current_version(self) -> int:
        section = result_section(self.instance, self.instance.indicator.goal_id)
        return section.version if section else 0


class ActivityResultAdminForm(VersionedAdminForm):
    def current_version(self) -> int:
        section = result_section(self.instance, self.instance.activity.goal_id)
        return section.version if section else 0


def typed_values(request, form) -> None:
    """Remember what the admin form changed, for the conflict page to show it back (nothing of it is saved)."""
    request._tertial_typed = [
        (str(form.fields[name].label or name), form.data.get(form.add_prefix(name), ""))
        for name in form.changed_data
        if name != "version_seen" and name in form.fields
    ]


def save_section_from_admin(request, obj, form) -> None:
    """A changed section, saved as the page saves it (version checked and bumped), plus the admin's other fields."""
    from .editing import SECTION_FIELDS, save_section

    typed_values(request, form)
    names = [n for n in form.changed_data if n not in ("version_seen", "deadline")]
    content = {n: getattr(obj, n) for n in names if n in SECTION_FIELDS}
    other = {n: getattr(obj, n) for n in names if n not in SECTION_FIELDS}
    saved, _ = save_section(
        section=obj,
        user=request.user,
        version=form.cleaned_data["version_seen"],
        changes={"section": content},
        other=other,
    )
    obj.version = saved.version


def save_result_from_admin(request, obj, form, change, *, kind: str) -> None:
    """An indicator outcome (`kind` "indicators") or activity follow-up ("activities") saved through its section."""
    from .editing import ACTIVITY_FIELDS, INDICATOR_FIELDS, save_section

    typed_values(request, form)
    target = obj.indicator if kind == "indicators" else obj.activity
    fields = INDICATOR_FIELDS if kind == "indicators" else ACTIVITY_FIELDS
    section = result_section(obj, target.goal_id)
    if section is None:
        raise ServiceError(f"Målet för {target} har inget avsnitt i rapporten {obj.report}: raden kan inte sparas.")
    values = {n: getattr(obj, n) for n in fields if not change or n in form.changed_data}
    version = form.cleaned_data["version_seen"] if change else section.version
    save_section(section=section, user=request.user, version=version, changes={kind: {target.pk: values}})
    saved = type(obj).objects.filter(report_id=obj.report_id, **{f"{type(target).__name__.lower()}_id": target.pk})
    saved = saved.first()
    if saved is None:  # an empty new row: the page's service makes none, the report's creation would
        obj.save()
    else:
        obj.pk, obj._state.adding = saved.pk, False
