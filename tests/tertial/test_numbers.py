from decimal import Decimal

import pytest

from tertial.numbers import NBSP, NumberParseError, format_number, number_in_words, parse_number


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1,89", "1.89"),
        ("2 091", "2091"),
        ("2\xa0091,5", "2091.5"),
        ("2\u202f091,5", "2091.5"),
        ("-3,5", "-3.5"),
        ("\u22123,5", "-3.5"),
        ("1,89 %", "1.89"),
        ("1.5", "1.5"),
        ("2.091,5", "2091.5"),
        (" 12 ", "12"),
    ],
)
def test_parse_swedish_numbers(raw, expected):
    assert parse_number(raw) == Decimal(expected)


def test_parse_empty_is_none():
    assert parse_number("  ") is None


@pytest.mark.parametrize("raw", ["abc", "1,2,3", "12 kr x", "--1"])
def test_parse_rejects_garbage_with_swedish_message(raw):
    with pytest.raises(NumberParseError, match="inte ett tal"):
        parse_number(raw)


def test_format_number():
    assert format_number(Decimal("2091"), 1) == f"2{NBSP}091,0"
    assert format_number(Decimal("-0.06"), 1) == "-0,1"
    assert format_number(Decimal("-0.04"), 1) == "0,0"
    assert format_number(Decimal("1.8900"), None, "%") == f"1,89{NBSP}%"
    assert format_number(Decimal("415940"), 1) == f"415{NBSP}940,0"
    assert format_number(None) == ""


def test_number_in_words():
    assert [number_in_words(n) for n in (10, 12, 16, 18, 23)] == ["tio", "tolv", "sexton", "arton", "tjugotre"]


def test_number_in_words_for_en_words():
    # "trettioen nämnder", "en nämnd": nämnd is an en-word; mål stays neuter ("tjugoett mål")
    assert [number_in_words(n, common=True) for n in (1, 21, 31, 11)] == ["en", "tjugoen", "trettioen", "elva"]
    assert number_in_words(21) == "tjugoett"
