"""Kehu (客户): an offline, encrypted customer file for sales and branch staff."""


def __getattr__(name: str):
    # The version has one source, pyproject.toml (app.paths.app_version says how it is
    # read from source and from a bundle); looked up on first use, not at every import.
    if name == "__version__":
        from app.paths import app_version

        return app_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
