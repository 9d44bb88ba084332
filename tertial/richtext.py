"""The constrained text format of analyses, and its rendering.

A text is a sequence of lines:
  `## Rubrik`       a subheading (becomes a real heading in Word),
  `### Rubrik`      a subheading one level lower (h4 on the page, the next Word heading level),
  `- punkt`         a bullet list item (consecutive items form one list),
  any other line    a paragraph; `**fet**` marks bold inside paragraphs, items and nothing else.
Blank lines only separate. No HTML is ever stored or passed through: rendering escapes everything.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class Block:
    kind: str  # "heading" | "paragraph" | "bullets"
    text: str = ""
    items: list[str] = field(default_factory=list)
    level: int = 0  # headings: 1 for `## `, 2 for `### ` (how far below the text's own heading)


def parse(text: str) -> list[Block]:
    """Split stored text into headings, paragraphs and bullet lists."""
    blocks: list[Block] = []
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("### "):
            blocks.append(Block("heading", line[4:].strip(), level=2))
        elif line.startswith("## "):
            blocks.append(Block("heading", line[3:].strip(), level=1))
        elif line.startswith(("- ", "• ", "* ")):
            item = line[2:].strip()
            if blocks and blocks[-1].kind == "bullets":
                blocks[-1].items.append(item)
            else:
                blocks.append(Block("bullets", items=[item]))
        else:
            blocks.append(Block("paragraph", line))
    return blocks


def runs(text: str) -> list[tuple[str, bool]]:
    """Inline runs of (text, bold)."""
    result = []
    pos = 0
    for match in _BOLD.finditer(text):
        if match.start() > pos:
            result.append((text[pos : match.start()], False))
        result.append((match.group(1), True))
        pos = match.end()
    if pos < len(text):
        result.append((text[pos:], False))
    return result


def _inline_html(text: str) -> str:
    return "".join(f"<strong>{escape(t)}</strong>" if bold else str(escape(t)) for t, bold in runs(text))


def to_html(text: str, heading_level: int = 3) -> SafeString:
    """Render to HTML; everything the user typed is escaped. `## ` is h`heading_level`, `### ` one below."""
    out = []
    for block in parse(text):
        if block.kind == "heading":
            tag = f"h{min(heading_level + block.level - 1, 6)}"
            out.append(f"<{tag}>{_inline_html(block.text)}</{tag}>")
        elif block.kind == "bullets":
            out.append("<ul>" + "".join(f"<li>{_inline_html(i)}</li>" for i in block.items) + "</ul>")
        else:
            out.append(f"<p>{_inline_html(block.text)}</p>")
    return mark_safe("\n".join(out))


def plain_text(text: str) -> str:
    """The words only, one block a line (for checks, search and diffs)."""
    lines = []
    for block in parse(text):
        if block.kind == "bullets":
            lines.extend(_BOLD.sub(r"\1", i) for i in block.items)
        else:
            lines.append(_BOLD.sub(r"\1", block.text))
    return "\n".join(lines)


def word_count(text: str) -> int:
    return len(plain_text(text).split())
