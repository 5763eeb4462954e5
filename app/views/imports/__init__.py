"""The import wizard: mapping, dry run, apply."""
