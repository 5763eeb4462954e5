"""Export to Excel and head office's consolidation of branch workbooks."""
