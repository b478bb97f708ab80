"""Every module ships a .pot and a complete Simplified Chinese translation."""
from pathlib import Path

import polib
import pytest

ADDONS = Path(__file__).resolve().parents[2] / "addons"
MODULES = sorted(p.name for p in ADDONS.iterdir() if (p / "__manifest__.py").exists())


@pytest.mark.parametrize("module", MODULES)
def test_zh_cn_translation_is_complete(module):
    i18n = ADDONS / module / "i18n"
    pot = polib.pofile(str(i18n / ("%s.pot" % module)))
    po = polib.pofile(str(i18n / "zh_CN.po"))
    template = {(e.msgctxt, e.msgid) for e in pot}
    translated = {(e.msgctxt, e.msgid): e.msgstr for e in po if not e.obsolete}
    assert set(translated) == template, "zh_CN.po is out of date: run ./meddev i18n"
    untranslated = sorted(msgid for (_ctx, msgid), msgstr in translated.items() if not msgstr.strip())
    assert not untranslated, "untranslated in %s: %s" % (module, untranslated[:10])


@pytest.mark.parametrize("module", MODULES)
def test_placeholders_survive_translation(module):
    import re

    po = polib.pofile(str(ADDONS / module / "i18n" / "zh_CN.po"))
    pattern = re.compile(r"%\(\w+\)[sd]|%[sd]")
    for entry in po:
        if entry.msgstr:
            assert sorted(pattern.findall(entry.msgid)) == sorted(pattern.findall(entry.msgstr)), entry.msgid
