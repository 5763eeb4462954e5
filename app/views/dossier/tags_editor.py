"""Tags as one comma-separated line with completion of tags already in use.

Any of , ， 、 ; ； separates tags; the completer offers existing tags for the
part being typed and replaces only that part."""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

_SEPARATORS = re.compile(r"[,，、;；]")
TAG_MAX = 50  # tag.name column width


def split_tags(text: str) -> list[str]:
    """Tags in the order typed, blanks and repeats dropped."""
    out: list[str] = []
    for part in _SEPARATORS.split(text or ""):
        tag = " ".join(part.split())
        if tag and tag not in out:
            out.append(tag)
    return out


def join_tags(tags) -> str:
    return ", ".join(tags)


class TagsEditor(QLineEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(self.tr("e.g. VIP, retired — separate tags with commas"))
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert)
        self.textEdited.connect(self._offer)

    def set_known_tags(self, names) -> None:
        self._model.setStringList(list(names))

    def tags(self) -> list[str]:
        return split_tags(self.text())

    # ------------------------------------------------------------ completion
    def _current_part(self) -> tuple[int, str]:
        """Start and text of the tag being typed (before the cursor)."""
        before = self.text()[: self.cursorPosition()]
        starts = [m.end() for m in _SEPARATORS.finditer(before)]
        start = starts[-1] if starts else 0
        return start, before[start:].lstrip()

    def _offer(self, _text: str = "") -> None:
        _start, part = self._current_part()
        if not part or not self._model.rowCount():
            self._completer.popup().hide()
            return
        self._completer.setCompletionPrefix(part)
        count = self._completer.completionCount()
        already = set(self.tags()) - {part}  # the only match is a tag already given
        if count == 0 or (count == 1 and self._completer.currentCompletion() in already):
            self._completer.popup().hide()
            return
        self._completer.complete()

    def _insert(self, choice: str) -> None:
        start, _part = self._current_part()
        text, cursor = self.text(), self.cursorPosition()
        head = text[:start].rstrip()
        if head:
            head += " "
        rest = text[cursor:]
        new = f"{head}{choice}, "
        self.setText(new + rest.lstrip(" ,，、;；"))
        self.setCursorPosition(len(new))
        # setText() does not emit textEdited: tell listeners the tags changed.
        self.textEdited.emit(self.text())
