"""Parts of a page rendered from plain values only, and cached under a digest of those values and of the code.

A fragment's template gets nothing but its `values` (no request, no model objects, no context processors): what it
shows follows from them and from the templates and code, so a digest of all three is a complete key. Nothing is
invalidated by hand (a save changes the values, and with them the key), and one user's fragment is served to
another only when everything it shows is the same for both: role-dependent choices (may this user assign?) and
per-user filters are values too. The cache is Django's, shared by every process and server (see CACHES).

Forms in a fragment get the request's own CSRF token after the cache: the stored HTML holds a placeholder in its
place, so no token is ever stored or shown to anybody else."""

import hashlib
import zlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from .checks.cache import code_hash

CSRF_PLACEHOLDER = "tertial-fragment-csrf-token"
TIMEOUT = 24 * 3600  # a fragment of an old version goes after a day (or earlier, when the cache is culled)
_templates_hash = None


def templates_hash() -> str:
    """A hash of the project's templates, read once per process: a changed template never reads an old fragment."""
    global _templates_hash
    if _templates_hash is None:
        digest = hashlib.sha256()
        for directory in settings.TEMPLATES[0]["DIRS"]:
            for path in sorted(Path(directory).rglob("*.html")):
                digest.update(path.relative_to(directory).as_posix().encode())
                digest.update(path.read_bytes())
        _templates_hash = digest.hexdigest()[:16]
    return _templates_hash


def fragment_key(template_name: str, values: dict) -> str:
    # repr of plain values (str, int, bool, date, tuples, frozen dataclasses) is deterministic and unambiguous.
    digest = hashlib.sha256(repr((code_hash(), templates_hash(), template_name, values)).encode()).hexdigest()
    return f"tertial:fragment:{digest[:40]}"


def render_fragment(request, template_name: str, values: dict) -> SafeString:
    """`template_name` rendered with `values` alone, from the cache when these values were rendered before.
    One query when cached (stored compressed: a full report's section tables are 100 kB of HTML, 10 kB so)."""
    key = fragment_key(template_name, values)
    stored = cache.get(key)
    if stored is None:
        html = get_template(template_name).render({**values, "csrf_token": CSRF_PLACEHOLDER})
        stored = zlib.compress(html.encode(), 1)
        cache.set(key, stored, TIMEOUT)
    html = zlib.decompress(stored).decode()
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))
