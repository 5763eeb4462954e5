"""matplotlib figures built from service results, without Qt: the dashboard page and
the PDF report draw the same figures (matplotlib.figure.Figure, never pyplot)."""
