"""Dutch first, English second: every interface string has a Dutch translation, compiled and up to date.

The msgids are English, so English needs no catalogue of its own. The Dutch catalogue must translate every
msgid, with nothing left fuzzy, and the compiled .mo that the site loads must match it. Where GNU gettext is
installed (it is on CI), the catalogue is also regenerated from the code to prove no string is missing.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
DUTCH = Path("nl") / "LC_MESSAGES" / "django.po"
# Each app may keep its own catalogue (<app>/locale/nl/...); strings in shared code and templates go to locale/.
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py"))
SOURCES = ["renovatie", *APPS, "templates"]
CATALOGUES = [ROOT / "locale" / DUTCH, *sorted(ROOT.glob(f"*/locale/{DUTCH}"))]


def every_entry(catalogues):
    return [entry for path in catalogues for entry in polib.pofile(str(path))]


def translations(catalogue):
    return {
        (entry.msgctxt, entry.msgid): (entry.msgstr, tuple(sorted(entry.msgstr_plural.items()))) for entry in catalogue
    }


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_interface_string_has_a_dutch_translation(catalogue):
    entries = polib.pofile(str(catalogue))
    untranslated = [entry.msgid for entry in entries.untranslated_entries()]
    fuzzy = [entry.msgid for entry in entries.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} strings without Dutch, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy Dutch strings, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_compiled_dutch_catalogue_matches_its_source(catalogue):
    source = polib.pofile(str(catalogue))
    compiled = polib.mofile(str(catalogue.with_suffix(".mo")))
    wanted = translations(entry for entry in source.translated_entries())
    assert translations(compiled) == wanted, f"run `make messages` to recompile {catalogue.with_suffix('.mo')}"


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
