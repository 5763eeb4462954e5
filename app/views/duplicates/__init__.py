"""客户 → 查找重复客户: the review queue of probable duplicates, a side-by-side compare,
merge / not a duplicate / skip, Undo in the status bar, and the merge history."""
