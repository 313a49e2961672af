"""Tenants read the site in plain Dutch (B1): no sentence a tenant reads is longer than 20 words.

Sentence length is the one B1 measure a test can honestly check; word choice (no jargon, the formal "u") is
reviewed by people. A string is read by tenants when any of its places in the code is outside the staff,
contractor, moderation and admin pages; the insight app is for staff only. The written notice that 70% agreed
is printed by staff but read by tenants, so it counts as theirs.
"""

import re

import polib
import pytest

from tests.test_translations import CATALOGUES, ROOT

MAX_WORDS = 20
STAFF_ONLY = re.compile(r"/staff/|/staff_|/contractor/|contractor_|/moderation/|admin|/management/|^insight/")
READ_BY_TENANTS = {"templates/decisions/staff/notice_letters.html"}
# Sentences allowed to be longer, each with the reason (e.g. a legal text that must be quoted as it is). None yet.
EXCEPTIONS: dict[str, str] = {}
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-Z0-9(“])")


def read_by_tenants(catalogue, entry):
    app = catalogue.relative_to(ROOT).parts[0]
    places = [f"{app}/{path}" if app != "locale" else path for path, _line in entry.occurrences]
    return any(not STAFF_ONLY.search(place) or place.split("/", 1)[-1] in READ_BY_TENANTS for place in places)


def long_sentences(text):
    return [sentence for sentence in SENTENCE_END.split(text) if len(sentence.split()) > MAX_WORDS]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_sentence_a_tenant_reads_is_longer_than_twenty_words(catalogue):
    too_long = []
    for entry in polib.pofile(str(catalogue)):
        if entry.msgid in EXCEPTIONS or not read_by_tenants(catalogue, entry):
            continue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            too_long += [f"{len(sentence.split())} words: {sentence}" for sentence in long_sentences(text)]
    assert not too_long, "Split these into shorter sentences (B1):\n" + "\n".join(too_long)


def test_the_measure_catches_a_long_sentence_and_lets_short_ones_pass():
    long = "U kunt " + " ".join(["heel"] * 20) + " eenvoudig stemmen."
    assert long_sentences(f"Welkom. {long} Tot ziens!") == [long]
    assert long_sentences("Uw afspraak staat vast. U krijgt een brief: bewaar die goed.") == []
