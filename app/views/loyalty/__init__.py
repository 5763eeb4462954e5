"""Loyalty views: the points dialogs of the dossier, the rewards catalogue, coupons."""
