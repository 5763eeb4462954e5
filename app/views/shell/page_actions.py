"""The View menu and the main toolbar: one checkable action per page (Ctrl+1 … Ctrl+4),
the switch that shows personal data in full, then the everyday commands.

Texts stay in the "MainWindow" translation context, where they have always been."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QActionGroup

from app.views.privacy.reveal_all_action import reveal_all_action

AGENDA_PAGE, CUSTOMERS_PAGE = 0, 1
DASHBOARD_PAGE = 2  # built on first show: matplotlib loads only then
SEGMENTS_PAGE = 3  # the groups discovered in the data; built on first show too


def add_page_actions(win, action) -> None:
    """Give `win` act_today, act_customers, act_dashboard, act_segments (a group: one
    checked), act_reveal_all and the toolbar. `action` is the window's action maker."""
    view_menu = win.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&View"))
    pages = (
        ("act_today", QCoreApplication.translate("MainWindow", "&Today"), AGENDA_PAGE,
         "Ctrl+1", QCoreApplication.translate(
             "MainWindow", "Today's agenda: overdue, due today, upcoming (Ctrl+1)")),
        ("act_customers", QCoreApplication.translate("MainWindow", "&Customers"),
         CUSTOMERS_PAGE, "Ctrl+2", QCoreApplication.translate(
             "MainWindow", "The customer list and dossiers (Ctrl+2)")),
        ("act_dashboard", QCoreApplication.translate("MainWindow", "&Dashboard"),
         DASHBOARD_PAGE, "Ctrl+3", QCoreApplication.translate(
             "MainWindow", "KPIs, charts and staff performance (Ctrl+3)")),
        ("act_segments", QCoreApplication.translate("MainWindow", "&Groups"), SEGMENTS_PAGE,
         "Ctrl+4", QCoreApplication.translate(
             "MainWindow", "Groups of customers found in the data (Ctrl+4)")),
    )
    win.page_group = QActionGroup(win)
    page_actions = []
    for name, text, page, key, tip in pages:
        act = action(text, lambda _=False, p=page: win.show_page(p), key, view_menu)
        act.setToolTip(tip)
        act.setCheckable(True)
        win.page_group.addAction(act)
        setattr(win, name, act)
        page_actions.append(act)
    win.act_today.setChecked(True)
    view_menu.addSeparator()
    win.act_reveal_all = reveal_all_action(win, win.ctx.screen_mask)
    view_menu.addAction(win.act_reveal_all)
    toolbar = win.addToolBar(QCoreApplication.translate("MainWindow", "Main"))
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.addActions(page_actions)
    toolbar.addSeparator()
    toolbar.addActions([win.act_new, win.act_find, win.act_trash, win.act_restore,
                        win.act_lock])
