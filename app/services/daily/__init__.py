"""The daily work with customers: contacts logged (contacts), reminders and their
completion (reminders), the Today agenda (agenda), complaints and their SLA
(complaints), satisfaction scores (satisfaction), open reminders as .ics (ics), and the
pieces these share: record field checks (record_fields) and local, naive times
(local_time).

Entry points: contacts.log_contact / timeline, reminders.create_reminder /
complete_reminder / snooze_reminder, agenda.agenda, complaints.open_complaint /
change_status, ics.export_open_reminders."""
