"""The review window reads Chinese first: buttons with their mnemonics, the compare's
field names, the queue's reasons and the empty state, from the compiled catalogue."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from app.i18n import set_language
from app.views.shell.i18n_setup import I18N_DIR
from tests.duplicates.people import add
from tests.duplicates.review_helpers import open_review

pytestmark = pytest.mark.usefixtures("message_boxes")


@pytest.fixture
def chinese():
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "kehu_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    set_language("zh")
    yield
    set_language(None)
    QCoreApplication.removeTranslator(translator)


def test_the_review_window_speaks_chinese(qtbot, vault, chinese):
    with vault.sessions.begin() as s:
        add(s, "张伟", phone="13800138000", birthday=date(1980, 5, 1))
        add(s, "張偉", phone="+86 138 0013 8000")
    dialog = open_review(qtbot, vault)
    review = dialog.review
    assert dialog.windowTitle() == "查找重复客户"
    assert [b.text() for b in (review.merge_button, review.not_dup_button,
                               review.skip_button)] == ["合并(&M)", "不是重复(&N)", "跳过(&S)"]
    assert review.low_box.text() == "显示低分相似客户(&L)"
    assert dialog.history.unmerge_button.text() == "撤销合并(&U)"
    assert review.compare.item(0, 0).text() == "姓名"
    assert "（保留）" in review.compare.horizontalHeaderItem(1).text()
    assert "繁简" in review.model.index(0, 3).data()
    assert review.model.index(0, 4).data() == "合并"
    review.not_dup_button.click()
    assert "未发现疑似重复客户" in review.empty.text()
    dialog.shutdown()
