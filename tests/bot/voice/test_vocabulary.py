"""The catalogue's names as they are said, and the recogniser taught to hear them."""

from __future__ import annotations

from bot.voice.engines import PocketSphinx
from bot.voice.vocabulary import catalogue_forms, phrases, spoken, year_words
from content.loader import load_content


def test_years_are_said_the_ways_people_say_them() -> None:
    assert year_words(2015) == [["twenty", "fifteen"], ["two", "thousand", "and", "fifteen"]]
    assert year_words(2008)[0] == ["two", "thousand", "and", "eight"]
    assert year_words(1974) == [["nineteen", "seventy", "four"]]
    assert year_words(1905) == [["nineteen", "oh", "five"]]


def test_acronyms_are_spelled_and_names_said_as_words() -> None:
    assert spoken("UK GDPR") == [("u", "k", "g", "d", "p", "r")]
    assert ("consumer", "rights", "act", "twenty", "fifteen") in spoken("Consumer Rights Act 2015")
    assert ("consumer", "rights", "act", "two", "thousand", "and", "fifteen") in spoken(
        "Consumer Rights Act 2015"
    )
    assert spoken("Information Commissioner's Office") == [("information", "commissioner's", "office")]
    # A name whose spelling misleads is said like dictionary words; a short word-like acronym
    # is offered spelled and as a word.
    assert spoken("Ofcom") == [("off", "com")]
    assert spoken("HEAT model") == [("h", "e", "a", "t", "model"), ("heat", "model")]
    assert spoken("CCWater") == [("c", "c", "water")]


def test_the_vocabulary_is_the_catalogue_without_misspellings_weighted_by_the_coachs_content() -> None:
    vocabulary = dict(catalogue_forms(load_content()))
    assert "Consumer Rights Act 2015" in vocabulary and "GDPR" in vocabulary
    assert "Consumer Rigths Act" not in vocabulary  # a typing slip, not something said
    # The content asks about the GDPR often and never names the Pensions Regulator by acronym:
    # that settles "t p r" against "g d p r".
    assert vocabulary["GDPR"] > 5
    assert vocabulary["TPR"] == 0
    said = phrases(catalogue_forms(load_content()))
    assert said[("g", "d", "p", "r")][0] == "GDPR"


def test_pocketsphinx_learns_each_phrase_as_one_word_pronounced_from_its_dictionary() -> None:
    recogniser = PocketSphinx((("GDPR", 3), ("Ofcom", 1), ("empathise", 0)))
    decoder = recogniser._decoder
    # Letter names, not the article: "a" is EY.
    assert recogniser._pronounce("a") == "EY"
    assert decoder.lookup_word("g_d_p_r") == "JH IY D IY P IY AA R"
    assert decoder.lookup_word("off_com") == "AO F K AA M"
    # British spelling found through the American dictionary's "empathize".
    assert recogniser._pronounce("empathise") == decoder.lookup_word("empathize")
    assert recogniser._written["g_d_p_r"] == "GDPR"
    assert recogniser.skipped == []
