"""Excel/CSV export for head office: fixed, versioned templates (templates), the SQL reads
behind each sheet (rows), safe and masked cells (cells), the streaming writer (writer),
the manifest with checksums (manifest), native charts (charts), password protection
(protect), and head office's consolidation of branch workbooks (consolidation).

Entry points: service.export, consolidation.consolidate."""
