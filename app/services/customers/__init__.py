"""Customers: create/read/update/trash/restore/purge (service), the fields a person may
set and their validation (input, validation), codes, pinyin for search, the list read in
SQL a page at a time (listing, search, rows) and one customer's dossier (dossier).

Entry points: service.create_customer / update_customer / move_to_trash,
listing.ListQuery + first_page, search.search, dossier.load_dossier."""
