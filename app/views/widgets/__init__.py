"""Pieces every screen shares: busy and progress dialogs over workers, the latest-only
loader, the record dialog base, a small table model, formatting and document opening."""
