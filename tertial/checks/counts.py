"""Count sentences of the Sammanfattande analys ("Tio av tolv verksamhetsområdesmål bedöms uppfyllas helt och två
delvis. Av arton nämndmål bedöms sjutton uppfyllas helt och ett saknar bedömning."): reading what a hand-written
one claims, and writing the sentence the assessments actually support.

`count_sentences(report)` is the one builder: the Sammanfattande analys page offers it, the Kontroll page and the
consistency check propose it, so the sentence a writer is offered is the one the check accepts.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from tertial.models import Assessment, Section
from tertial.numbers import number_in_words
from tertial.richtext import parse

HELT, DELVIS, INTE, NONE = Assessment.HELT.value, Assessment.DELVIS.value, Assessment.INTE.value, ""
ALL = "samtliga"

LEVEL_NOUNS = {1: "inriktningsmål", 2: "verksamhetsområdesmål", 3: "nämndmål"}
_NUMBER_WORDS = (
    {number_in_words(n): n for n in range(100)}
    | {number_in_words(n, common=True): n for n in range(100)}
    | {
        "en": 1,
        "ett": 1,
        "inget": 0,
        "inga": 0,
        "ingen": 0,
    }
)
_CATEGORY_WORDS = {"helt": HELT, "delvis": DELVIS, "inte": INTE, "ej": INTE, "saknar": NONE}
_TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")


@dataclass
class Claim:
    level: int
    sentence: str
    scope: object = None  # the inriktningsmål the sentence is written under, None: the whole report
    total: int | None = None
    counts: dict = field(default_factory=dict)  # category -> int or ALL


def _level_of(token: str, next_tokens: list[str]) -> int | None:
    t = token.casefold()
    if t.startswith("nämndmål"):
        return 3
    if t.startswith("verksamhetsområdesmål"):
        return 2
    if t.startswith("inriktningsmål"):
        return 1
    if t in {"mål", "målen"} and next_tokens[:2] == ["för", "verksamhetsområdet"]:
        return 2
    return None


def _number(token: str):
    t = token.casefold()
    if t.isdigit():
        return int(t)
    if t in {"samtliga", "alla"}:
        return ALL
    return _NUMBER_WORDS.get(t)


def parse_sentence(sentence: str, scope=None) -> Claim | None:
    """What one sentence claims about the assessments, or None when it is not a count sentence."""
    tokens = _TOKEN.findall(sentence)
    folded = [t.casefold() for t in tokens]
    levels = {lv for i, t in enumerate(tokens) if (lv := _level_of(t, folded[i + 1 : i + 3]))}
    if len(levels) != 1:
        return None
    claim = Claim(level=levels.pop(), sentence=sentence.strip(), scope=scope)
    totals = set()
    for i, t in enumerate(folded):
        # "Av totalt arton …", "tio av tolv …": the number after totalt / between "av" is the total.
        if t == "totalt" and i + 1 < len(folded) and isinstance(_number(folded[i + 1]), int):
            totals.add(i + 1)
        if t == "av" and (i == 0 or _number(folded[i - 1]) is not None):
            # "tio av tolv …", and a sentence opening "Av (de) 18 nämndmål …"
            after = i + 2 if folded[i + 1 : i + 2] == ["de"] else i + 1
            if after < len(folded) and isinstance(_number(folded[after]), int):
                totals.add(after)
    for i in sorted(totals):
        claim.total = _number(folded[i])
    counts = [i for i, t in enumerate(folded) if i not in totals and _number(t) is not None]
    for n, i in enumerate(counts):
        stop = counts[n + 1] if n + 1 < len(counts) else len(folded)
        # "en"/"ett" are mostly articles: only read as a number right before the category.
        # "Ett av tolv …" is a count all the same.
        reach = 4 if folded[i] in {"en", "ett"} and folded[i + 1 : i + 2] != ["av"] else 10
        for j in range(i + 1, min(stop, i + 1 + reach)):
            if folded[j] in _CATEGORY_WORDS:
                claim.counts.setdefault(_CATEGORY_WORDS[folded[j]], _number(folded[i]))
                break
    if claim.level == 1 and not counts and scope is not None and "inriktningsmålet" in folded:
        # "… bidra till att inriktningsmålet nås helt": a claim about the one goal the text is written under.
        start = folded.index("inriktningsmålet")
        for j in range(start + 1, min(len(folded), start + 6)):
            if folded[j] in _CATEGORY_WORDS:
                claim.total = 1
                claim.counts[_CATEGORY_WORDS[folded[j]]] = ALL
                break
    return claim if claim.counts else None


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"^(kf:s inriktningsmål:?\s*)?\d+\.?\s*", "", text.strip())
    return " ".join(_TOKEN.findall(text))


def claims_in(text: str, inriktningsmal: list, scope=None) -> list[Claim]:
    """The count claims of a text. A line that is an inriktningsmål's name scopes what follows to that goal."""
    names = {_normalize(g.text): g for g in inriktningsmal}
    claims = []
    for block in parse(text):
        lines = block.items if block.is_list else [block.text]
        for line in lines:
            name = _normalize(line)
            if name in names:
                scope = names[name]
                continue
            for sentence in _SENTENCE_END.split(line):
                claim = parse_sentence(sentence, scope)
                if claim:
                    claims.append(claim)
    return claims


def actual_counts(goal_sections, level: int, scope=None) -> dict:
    """{category: count} over the report's goals of a level (within an inriktningsmål when scoped)."""
    counts = {HELT: 0, DELVIS: 0, INTE: 0, NONE: 0}
    for section in goal_sections:
        goal = section.goal
        if goal.level != level:
            continue
        if scope is not None and goal.id != scope.id and not goal.number.startswith(f"{scope.number}."):
            continue
        counts[section.assessment] += 1
    return counts


def mismatches(claim: Claim, actual: dict) -> list[str]:
    """What the claim gets wrong, in words; empty when it holds."""
    total = sum(actual.values())
    wrong = []
    if claim.total is not None and claim.total != total:
        wrong.append(f"totalt {claim.total} i texten, {total} mål i rapporten")
    for category, stated in claim.counts.items():
        expected = total if stated == ALL else stated
        if actual[category] != expected:
            wrong.append(f"{_CATEGORY_LABELS[category]}: {expected} i texten, {actual[category]} enligt bedömningarna")
    return wrong


_CATEGORY_LABELS = {HELT: "helt", DELVIS: "delvis", INTE: "inte", NONE: "utan bedömning"}


def describe(actual: dict) -> str:
    """`17 helt, 0 delvis, 0 inte, 1 utan bedömning` (categories with zero left out except helt)."""
    parts = [f"{actual[c]} {_CATEGORY_LABELS[c]}" for c in (HELT, DELVIS, INTE, NONE) if actual[c] or c == HELT]
    return ", ".join(parts)


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]


def sentence_for(level: int, actual: dict) -> str:
    """The count sentence of one goal level, in the documents' words, from {category: count}.

    Verksamhetsområdesmål lead with the count ("Tio av tolv verksamhetsområdesmål bedöms uppfyllas helt och två
    delvis."), nämndmål with the total ("Av arton nämndmål bedöms sjutton uppfyllas helt och ett saknar
    bedömning."), as the T2 reports write them. The sentence reads back through `parse_sentence` to the same counts,
    so a proposal pasted into the text passes the check.
    """
    total = sum(actual.values())
    if total == 0:
        return ""
    words, noun = number_in_words, LEVEL_NOUNS[level]
    if not (actual[HELT] or actual[DELVIS] or actual[INTE]):
        return f"Inget av {words(total)} {noun} har ännu bedömts."
    helt = words(actual[HELT]) if actual[HELT] else "inget"
    if level == 3:
        head = f"Av {words(total)} {noun} bedöms {helt} uppfyllas helt"
    else:
        head = f"{helt[:1].upper()}{helt[1:]} av {words(total)} {noun} bedöms uppfyllas helt"
    rest = [
        f"{words(actual[c])} {word}"
        for c, word in ((DELVIS, "delvis"), (INTE, "inte"), (NONE, "saknar bedömning"))
        if actual[c]
    ]
    return _join([head, *rest]) + "."


def namnd_sentence(actual: dict) -> str:
    """The city's count sentence for one goal over the nämnder that follow it up, from {category: count}:
    "Tjugosju av trettioen nämnder bedömer att målet uppfylls helt, tre att det uppfylls delvis och en att det
    inte uppfylls." (nämnd is an en-word: "en", "trettioen")."""
    total = sum(actual.values())
    if total == 0:
        return ""

    def words(n):
        return number_in_words(n, common=True)

    if not (actual[HELT] or actual[DELVIS] or actual[INTE]):
        return f"{'Ingen' if total == 1 else 'Ingen av ' + words(total)} nämnd{'' if total == 1 else 'er'} har ännu bedömt målet."
    helt = words(actual[HELT]) if actual[HELT] else "ingen"
    noun = "nämnd" if total == 1 else "nämnder"
    head = f"{helt[:1].upper()}{helt[1:]} av {words(total)} {noun} bedömer att målet uppfylls helt"
    rest = [
        f"{words(actual[c])} {phrase}"
        for c, phrase in (
            (DELVIS, "att det uppfylls delvis"),
            (INTE, "att det inte uppfylls"),
            (NONE, "har ännu inte bedömt det"),
        )
        if actual[c]
    ]
    return _join([head, *rest]) + "."


def count_sentences(report, goal_sections=None) -> str:
    """The count sentences for verksamhetsområdesmål and nämndmål, computed from the goals' bedömningar."""
    if goal_sections is None:
        goal_sections = list(
            Section.objects.filter(report=report, kind=Section.Kind.GOAL).select_related("goal").order_by("position")
        )
    sentences = [sentence_for(level, actual_counts(goal_sections, level)) for level in (2, 3)]
    return " ".join(s for s in sentences if s)
