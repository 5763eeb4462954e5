# Kehu's hook for phonenumbers (in place of pyinstaller-hooks-contrib's, which takes every
# submodule): the metadata of each region is imported by name at run time, so it is listed
# here; the geocoder, carrier and time-zone data (~45 MB of Python) Kehu never reads.
from PyInstaller.utils.hooks import collect_submodules

UNUSED = ("phonenumbers.geocoder", "phonenumbers.geodata", "phonenumbers.carrier",
          "phonenumbers.carrierdata", "phonenumbers.timezone", "phonenumbers.tzdata")

hiddenimports = collect_submodules(
    "phonenumbers", filter=lambda name: not name.startswith(UNUSED))
