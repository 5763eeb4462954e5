"""Duplicates: find customers typed twice, merge them, and undo a merge exactly.

Entry points: `finder.find_candidates` (blocking on normalised keys, then a score in
[0, 1] with its reasons in words), `finder.mark_not_duplicate`, `merge.merge_customers`,
`merge.unmerge`, `merge.merge_history`. The tables a customer owns are listed once, in
`owned.py`; a merge moves every one of them."""
