# Kehu's hook for opencc (in place of pyinstaller-hooks-contrib's, which takes every file
# of the package): the conversion configs and dictionaries OpenCC("t2s"/"s2t") opens,
# not the opencc command-line tools, static libraries and C++ headers (~5 MB).
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("opencc", includes=["clib/share/opencc/*"])
