"""Printable reports drawn from the services with the charts (above both): the dashboard
as a multi-page PDF (pdf.write_report). Used by the CLI's `report` and the dashboard page."""
