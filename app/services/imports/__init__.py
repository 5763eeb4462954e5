"""Excel/CSV import: read any sheet safely (reader), find the header and map columns by
Chinese or English names (headers, kehu), turn cells into values (values), match rows to
customers (matching), plan a dry run of every row (plan, records), apply it in one
transaction (apply), report rejected rows (report), and undo a batch (undo, undo_check).

Entry points: session.dry_run / run_import, undo.undo_import."""
