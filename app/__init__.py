"""Kehu (客户): an offline, encrypted customer file for sales and branch staff."""

__version__ = "0.1.0"
