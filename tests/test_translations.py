"""Every interface string is translated into every language the site offers, compiled and up to date.

The msgids are English, so English needs no catalogue of its own. Every other language in settings.LANGUAGES
(Dutch, Turkish, Arabic) must translate every msgid of every Dutch catalogue (the Dutch catalogues are the
ones `make messages` regenerates from the code), with nothing left fuzzy, every placeholder and HTML tag of the
msgid kept, every plural form the language has filled in, and the compiled .mo that the site loads must match.
Where GNU gettext is installed (it is on CI), the Dutch catalogue is also regenerated from the code to prove no
string is missing from it.
"""

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
DUTCH = Path("nl") / "LC_MESSAGES" / "django.po"
# Each app may keep its own catalogue (<app>/locale/nl/...); strings in shared code and templates go to locale/.
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))
SOURCES = ["renovatie", *APPS, "templates"]
CATALOGUES = [ROOT / "locale" / DUTCH, *sorted(ROOT.glob(f"*/locale/{DUTCH}"))]
# Every language the site offers except English, whose text is the msgids themselves.
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]
# What a translation must carry over from its msgid: %(name)s, %s, {name} and HTML tags.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|</?[a-zA-Z][^>]*>")
NAMED = re.compile(r"%\(\w+\)[sdif]|\{\w+\}")


def every_entry(catalogues):
    return [entry for path in catalogues for entry in polib.pofile(str(path))]


def translations(catalogue):
    return {
        (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items()))) for entry in catalogue
    }


def catalogue_in(language, dutch_catalogue):
    return Path(str(dutch_catalogue).replace("/locale/nl/", f"/locale/{language}/"))


def plural_count(catalogue):
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else None


def placeholder_problems(entry, nplurals):
    """What is wrong with one entry's placeholders, in words; empty when nothing is."""
    if not entry.msgid_plural:
        if Counter(PLACEHOLDER.findall(entry.msgstr)) != Counter(PLACEHOLDER.findall(entry.msgid)):
            return [f"{entry.msgid!r}: placeholders or tags differ in {entry.msgstr!r}"]
        return []
    problems = []
    forms = [entry.msgstr_plural.get(index, "") for index in range(nplurals)]
    allowed = set(NAMED.findall(entry.msgid_plural)) | set(NAMED.findall(entry.msgid))
    fixed = Counter(p for p in PLACEHOLDER.findall(entry.msgid_plural) if not NAMED.fullmatch(p))
    for form in forms:
        # A form may leave out the number ("one reply", "two replies"), never add a name the code does not pass,
        # and must keep every positional placeholder and tag (Python's % would fail without them).
        if (
            not set(NAMED.findall(form)) <= allowed
            or Counter(p for p in PLACEHOLDER.findall(form) if not NAMED.fullmatch(p)) != fixed
        ):
            problems.append(f"{entry.msgid_plural!r}: placeholders or tags differ in {form!r}")
    if set(NAMED.findall(forms[-1])) != set(NAMED.findall(entry.msgid_plural)):
        problems.append(f"{entry.msgid_plural!r}: the general plural form {forms[-1]!r} leaves out a placeholder")
    return problems


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("dutch", CATALOGUES, ids=lambda path: str(path.parent.parent.parent.relative_to(ROOT)))
def test_every_interface_string_is_translated(language, dutch):
    path = catalogue_in(language, dutch)
    assert path.exists(), f"no {language} catalogue: {path.relative_to(ROOT)}"
    catalogue = polib.pofile(str(path))
    nplurals = plural_count(catalogue)
    assert nplurals, f"{path.relative_to(ROOT)} has no Plural-Forms header"
    entries = {(entry.msgctxt, entry.msgid): entry for entry in catalogue if not entry.obsolete}
    missing, fuzzy, problems = [], [], []
    for wanted in polib.pofile(str(dutch)):
        entry = entries.get((wanted.msgctxt, wanted.msgid))
        if wanted.obsolete:
            continue
        if entry is None or not entry.translated() and "fuzzy" not in entry.flags:
            missing.append(wanted.msgid)
        elif "fuzzy" in entry.flags:
            fuzzy.append(wanted.msgid)
        elif entry.msgid_plural and sum(1 for i in range(nplurals) if entry.msgstr_plural.get(i)) < nplurals:
            missing.append(f"{wanted.msgid} (not all {nplurals} plural forms)")
        else:
            problems += placeholder_problems(entry, nplurals)
    assert not missing, f"{len(missing)} strings without {language} in {path.relative_to(ROOT)}, e.g. {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy {language} strings in {path.relative_to(ROOT)}, e.g. {fuzzy[:5]}"
    assert not problems, f"{len(problems)} broken {language} strings, e.g. {problems[:3]}"


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("dutch", CATALOGUES, ids=lambda path: str(path.parent.parent.parent.relative_to(ROOT)))
def test_the_compiled_catalogue_matches_its_source(language, dutch):
    path = catalogue_in(language, dutch)
    assert path.exists(), f"no {language} catalogue: {path.relative_to(ROOT)}"
    source = polib.pofile(str(path))
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    wanted = translations(entry for entry in source.translated_entries())
    assert translations(compiled) == wanted, f"run `make messages` to recompile {path.with_suffix('.mo')}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext to read the code's strings")
def test_the_dutch_catalogue_knows_every_string_in_the_code(tmp_path):
    for name in [*SOURCES, "manage.py", "locale"]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-obsolete"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1"},
    )
    assert result.returncode == 0, result.stderr
    in_code = {entry.msgid for entry in every_entry(tmp_path.glob(f"**/locale/{DUTCH}"))}
    in_catalogue = {entry.msgid for entry in every_entry(CATALOGUES) if not entry.obsolete}
    missing = sorted(in_code - in_catalogue)
    assert not missing, f"{len(missing)} strings not in the Dutch catalogue (run `make messages`), e.g. {missing[:5]}"
