"""One customer's dossier: profile form, timeline, records, reminders, complaints, tier
history and portrait tabs."""
