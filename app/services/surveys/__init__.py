"""Satisfaction surveys (issue 20): versioned questionnaires, a 0–100 score per
response, the monthly figures against the file's target, and the loop back to a
follow-up. No Qt here."""
