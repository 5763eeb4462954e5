"""Customer name → pinyin search keys ("zhangsan", "zs").

Staff search by typing pinyin or initials, so the keys are tone-less, lower-case and
without spaces; ü is written "v" (吕 → "lv"), as on Chinese keyboards.
pypinyin is imported inside the function: loading its dictionaries takes a noticeable
fraction of a second and the GUI must start fast.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Surname readings of characters whose everyday reading differs (单 is "dan" in words
# but "shan" as a surname). Applied only at the start of a name. Compound surnames
# are checked first so 长孙 is not read as 长 (chang/zhang) + 孙.
_COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"),
    "长孙": ("zhang", "sun"),
    "万俟": ("mo", "qi"),
    "澹台": ("tan", "tai"),
}
_SURNAMES: dict[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "查": "zha", "区": "ou",
    "朴": "piao", "缪": "miao", "乐": "yue", "覃": "qin", "翟": "zhai", "种": "chong",
    "盖": "ge", "华": "hua", "任": "ren", "沈": "shen", "员": "yun", "秘": "bi",
    "阚": "kan", "繁": "po", "尉": "wei", "召": "shao", "洗": "xian",
    "莘": "shen", "隗": "wei", "费": "fei", "薄": "bo", "柏": "bai", "句": "gou",
    "折": "she", "祭": "zhai", "牟": "mou", "能": "nai", "郇": "xun", "蕃": "pi",
    "藏": "zang", "重": "chong", "都": "du", "长": "chang", "朝": "chao",
}


def _is_han(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF  # CJK Unified Ideographs
        or 0x3400 <= code <= 0x4DBF  # Extension A
        or 0x20000 <= code <= 0x3134F  # Extensions B–G
        or 0xF900 <= code <= 0xFAFF  # Compatibility Ideographs
        or code == 0x3007  # 〇
    )


def _kind(char: str) -> str:
    if _is_han(char):
        return "han"
    if char.isascii() and char.isalpha():
        return "alpha"
    if char.isascii() and char.isdigit():
        return "digit"
    return "other"


def _runs(text: str) -> list[tuple[str, str]]:
    """Split into (kind, run) pieces of consecutive same-kind characters."""
    runs: list[tuple[str, str]] = []
    for char in text:
        kind = _kind(char)
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + char)
        else:
            runs.append((kind, char))
    return runs


# Each character's reading as pypinyin gives it alone (None: not read per character).
_ALONE: dict[str, str | None] = {}


def _alone(char: str) -> str | None:
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import RE_HANS

    if char not in _ALONE:
        read = lazy_pinyin(char, style=Style.NORMAL, errors=lambda chars: [""] * len(chars))
        _ALONE[char] = read[0] if len(read) == 1 and read[0] and RE_HANS.match(char) else None
    return _ALONE[char]


def _per_character(run: str) -> list[str] | None:
    """The run's syllables from each character's own reading, when that is what
    pypinyin would give: no two neighbours begin one of its phrases (its segmenter then
    cuts the run into single characters, each converted on its own). None otherwise.
    An import reads 100k names; pypinyin's segmenter costs ~40 µs a name, this ~2 µs."""
    from pypinyin.seg.mmseg import p_set  # the prefixes of pypinyin's phrase dictionary

    for i in range(len(run) - 1):
        if run[i:i + 2] in p_set:
            return None
    out = []
    for char in run:
        syllable = _ALONE.get(char) or _alone(char)
        if syllable is None:
            return None
        out.append(syllable)
    return out


def _han_syllables(run: str, at_start: bool) -> list[str]:
    syllables = _per_character(run)
    if syllables is None:
        from pypinyin import Style, lazy_pinyin  # slow import; see module docstring

        # Unknown characters map to "" so the list stays aligned one-per-character.
        syllables = lazy_pinyin(run, style=Style.NORMAL,
                                errors=lambda chars: [""] * len(chars))
    if at_start:
        for surname, reading in _COMPOUND_SURNAMES.items():
            if run.startswith(surname):
                syllables[: len(reading)] = reading
                break
        else:
            if run[0] in _SURNAMES:
                syllables[0] = _SURNAMES[run[0]]
    return syllables


@lru_cache(maxsize=4096)
def name_pinyin(name: str) -> tuple[str, str]:
    """(full pinyin, initials): 张三 → ("zhangsan", "zs"); "Tom李" → ("tomli", "tl").

    A run of ASCII letters counts as one word (full form keeps it, initials take its
    first letter); digits are kept whole in both, since people type them as is.
    Anything else (punctuation, spaces, other scripts) is dropped.
    """
    # NFKC folds full-width letters/digits and compatibility ideographs.
    text = unicodedata.normalize("NFKC", name or "").strip()
    full: list[str] = []
    initials: list[str] = []
    for kind, run in _runs(text):
        if kind == "han":
            for syllable in _han_syllables(run, at_start=not full):
                if syllable:
                    full.append(syllable)
                    initials.append(syllable[0])
        elif kind == "alpha":
            full.append(run.lower())
            initials.append(run[0].lower())
        elif kind == "digit":
            full.append(run)
            initials.append(run)
    return "".join(full), "".join(initials)
