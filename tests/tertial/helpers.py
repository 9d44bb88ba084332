"""Small helpers shared by the report page tests."""

from html.parser import HTMLParser

from django.urls import reverse

from tests.conftest import PASSWORD


def url(name, report, section=None, **extra):
    kwargs = {"slug": report.namnd.slug, "period": report.period.code, **extra}
    if section is not None:
        kwargs["pk"] = section.pk
    return reverse(name, kwargs=kwargs)


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def section_post_data(client, report, section):
    """The section page's form as the browser would send it unchanged: read from the page's own inputs."""
    import re

    html = client.get(url("section_edit", report, section)).content.decode()
    form = html[html.index('id="section-form"') : html.index("</form>", html.index('id="section-form"'))]
    data = {}
    for match in re.finditer(r"<input[^>]*>", form):
        tag = match.group(0)
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        value = re.search(r'value="([^"]*)"', tag)
        if 'type="checkbox"' in tag or 'type="radio"' in tag:
            if " checked" in tag:
                data[name.group(1)] = value.group(1) if value and 'type="radio"' in tag else "on"
            continue
        data[name.group(1)] = _unescape(value.group(1)) if value else ""
    for match in re.finditer(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        data[match.group(1)] = _unescape(match.group(2))
    return data


def _unescape(text):
    import html

    return html.unescape(text)


def write_goal_section(report, user, analysis: str, indicator_analysis: str, number: str = "1.1"):
    """The goal section `number` saved through the page's service with `analysis`, and its first indicator with an
    outcome and `indicator_analysis`. Returns (section, indicator)."""
    from decimal import Decimal

    from tertial.editing import save_section

    section = report.sections.select_related("goal").get(goal__number=number)
    indicator = section.goal.indicators.order_by("id").first()
    save_section(
        section=section,
        user=user,
        version=section.version,
        changes={
            "section": {"analysis": analysis, "assessment": "delvis"},
            "indicators": {indicator.pk: {"outcome": Decimal("1.44"), "analysis": indicator_analysis}},
        },
    )
    return section, indicator


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href", "").startswith("/") and "#" in attrs["href"]:
            self.links.append(attrs["href"])


def page_ids(response):
    """The page's element ids (`.ids`, in order) and its links to a place on a page of the app (`.links`)."""
    assert response.status_code == 200
    parser = _Ids()
    parser.feed(response.content.decode())
    return parser


def assert_links_land(client, links, who=""):
    """Every link `path#anchor` lands on an element with that id (not at the top of the page), each page once."""
    pages = {}
    for link in links:
        path, anchor = link.split("#")
        if path not in pages:
            pages[path] = page_ids(client.get(path)).ids
            assert len(pages[path]) == len(set(pages[path])), f"ids twice on {path}"
        assert anchor in pages[path], f"{who}: {link} lands at the top of the page"
