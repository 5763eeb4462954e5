"""The dashboard page: KPI cards, matplotlib charts and staff performance (imported
lazily: matplotlib costs ~0.75 s and is not needed before the page is first shown)."""
