"""Qt only; the packages mirror the services' features (customers, dossier, agenda, reminders,
complaints, dashboard, imports, exports, tiers, settings, files), with the main window and
app start in shell/ and the shared pieces in widgets/."""
