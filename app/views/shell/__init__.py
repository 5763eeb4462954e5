"""The application shell: start-up (app_main), the main window and its actions, the
shared context (open file, sessions), locking and the idle watcher, the crash dialog,
window state and the trash undo."""
