"""Text every export can hold. Word (XML 1.0), Excel and PowerPoint refuse control characters other than tab and
newline, unpaired surrogates and the non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, …): one such character pasted
into a text made the whole report's Word and PDF export fail. `strip_unsafe` removes them; it is applied to what
users type (`tertial.editing`, the forms) and once more where the exports write text, so an old stored text cannot
break an export either. Imports refuse them instead, naming the cell (`tertial.uploads`).
"""

import re

# C0 controls except tab, newline and carriage return; DEL and the C1 controls; surrogates; the non-characters.
UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


def strip_unsafe(value):
    """`value` without the characters above; anything that is not a string is returned as it is."""
    if isinstance(value, str):
        return UNSAFE.sub("", value)
    return value


def first_unsafe(value) -> str | None:
    """The first unsafe character of `value`, as `U+FFFE`, or None."""
    if not isinstance(value, str):
        return None
    match = UNSAFE.search(value)
    return f"U+{ord(match.group()):04X}" if match else None
