"""The customer list: filter bar, table view and its paged model, and the panel that
holds them."""
