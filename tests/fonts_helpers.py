"""Fonts seen from outside: what a PDF embeds, and a machine without Chinese fonts.

`hidden_fonts_env` builds the environment of a fresh machine for a subprocess: fontconfig
reads a fonts.conf that lists one directory holding DejaVu Sans only (plus the fonts a
test adds), HOME and the XDG directories are empty, Qt runs offscreen. matplotlib reads
font directories itself as well as through fontconfig, so MATPLOTLIB_PRELUDE (run first
in the subprocess) drops from its list every font that has Chinese glyphs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zlib
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = "客"

MATPLOTLIB_PRELUDE = f'''
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

def _draws_chinese(path):
    try:
        return ord({PROBE!r}) in FT2Font(path).get_charmap()
    except Exception:
        return False

font_manager.fontManager.ttflist = [
    f for f in font_manager.fontManager.ttflist if not _draws_chinese(f.fname)]
'''


def dejavu_sans() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def hidden_fonts_env(tmp: Path, *fonts: Path, mpl_config: Path | None = None) -> dict:
    font_dir = tmp / "fonts"
    font_dir.mkdir(parents=True)
    for font in (dejavu_sans(), *fonts):
        shutil.copy(font, font_dir)
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{font_dir}</dir><cachedir>{tmp / 'fc-cache'}</cachedir>"
        "</fontconfig>\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("FONTCONFIG", "QT_", "XDG_", "MPL"))}
    home = tmp / "home"
    env.update(FONTCONFIG_FILE=str(conf), HOME=str(home),
               XDG_DATA_HOME=str(home / "share"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_RUNTIME_DIR=str(tmp),
               MPLCONFIGDIR=str(mpl_config or tmp / "mpl"), QT_QPA_PLATFORM="offscreen",
               KEHU_DATA_DIR=str(tmp / "data"), KEHU_LANG="zh")
    return env


def run_python(script: str, env: dict, *args: str) -> str:
    """Run script in a fresh interpreter at the project root; its stdout."""
    done = subprocess.run([sys.executable, "-c", script, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def renamed_font_copy(source: Path, out: Path, family: str) -> Path:
    """The same font under another family name: a stand-in for a system CJK font."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), lazy=True)  # untouched tables are copied as they are
    name = font["name"]
    name.names = [r for r in name.names if r.nameID not in (1, 3, 4, 6, 16, 17)]
    for name_id, value in ((1, family), (3, family), (4, family),
                           (6, family.replace(" ", "") + "-Regular")):
        name.setName(value, name_id, 3, 1, 0x409)
    font.save(str(out))
    return out


# --- the PDF ----------------------------------------------------------------------------
def pdf_streams(data: bytes) -> list[bytes]:
    """Every stream of a PDF, inflated when it is FlateDecode."""
    found = []
    for match in re.finditer(rb"<<(.*?)>>\s*stream\r?\n", data, flags=re.DOTALL):
        start = match.end()
        end = data.index(b"endstream", start)
        body = data[start:end]
        if b"/FlateDecode" in match.group(1):
            body = zlib.decompressobj().decompress(body)
        found.append(body)
    return found


def pdf_base_fonts(data: bytes) -> set[str]:
    """The BaseFont names, subset tag (ABCDEF+) removed."""
    names = re.findall(rb"/BaseFont\s*/([^\s/<>\[\]]+)", data)
    return {n.decode("latin-1").split("+", 1)[-1] for n in names}


def pdf_truetype_fonts(data: bytes):
    """The embedded TrueType programs (FontFile2), as fontTools TTFonts."""
    from fontTools.ttLib import TTFont

    return [TTFont(BytesIO(s)) for s in pdf_streams(data)
            if s[:4] in (b"\x00\x01\x00\x00", b"true")]


def pdf_unicode_text(data: bytes) -> set[str]:
    """The characters the ToUnicode maps name: what a reader can search and copy."""
    def text(hexcode: bytes) -> str:
        return bytes.fromhex(hexcode.decode()).decode("utf-16-be", "replace")

    chars: set[str] = set()
    for stream in pdf_streams(data):
        for section in re.findall(rb"beginbfchar(.*?)endbfchar", stream, flags=re.DOTALL):
            chars.update(text(dst) for _src, dst in
                         re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", section))
        for section in re.findall(rb"beginbfrange(.*?)endbfrange", stream, flags=re.DOTALL):
            for lo, hi, rest in re.findall(
                    rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)",
                    section):
                if rest.startswith(b"["):
                    chars.update(text(d) for d in re.findall(rb"<([0-9a-fA-F]+)>", rest))
                else:
                    first = ord(text(rest[1:-1]))
                    chars.update(chr(first + i) for i in range(int(hi, 16) - int(lo, 16) + 1))
    return chars
