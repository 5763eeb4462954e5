"""The dashboard: what it looks at (scope), the KPI cards and their drill-down (kpis),
the chart series (series), staff performance (staff) and one customer's portrait
(portrait). The PDF report that draws them lives above, in app.reports.

Entry points: kpis.compute_kpis / drill_filter, series.load_series / bar_filter,
staff.staff_performance, portrait.load_portrait."""
