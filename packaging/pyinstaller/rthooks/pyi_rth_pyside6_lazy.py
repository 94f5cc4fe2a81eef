# Stands in for PyInstaller's own PySide6 run-time hook (pyi_rth_pyside6), which this folder's
# rthooks.dat overrides. That hook imports PySide6.QtCore in every run to register a qt.conf,
# loading Qt and ICU (about 70 ms) even for `clearsight --version` or `clearsight export`, which
# never touch Qt; the app itself loads Qt only when the window opens.
#
# What Qt needs in the bundle is set here without importing it:
# - QT_PLUGIN_PATH, so Qt finds the platform, image-format and icon-engine plugins there;
# - on Windows, the bundle folder on PATH, so plugins find the Qt DLLs beside them.
# The qt.conf is not needed: PySide6's wheels register their own when QtCore loads, and Qt 6
# finds its prefix from the location of its own library, which the bundle keeps.
# Not carried over: the QML paths (the app has no QML), the macOS DYLD_LIBRARY_PATH for
# QtNetwork's OpenSSL (no QtNetwork), and the check that no second Qt binding is bundled (the
# spec excludes PyQt5, PyQt6 and PySide2).


def _pyi_rthook() -> None:
    import os
    import sys

    base = sys._MEIPASS  # type: ignore[attr-defined]  # set by PyInstaller's bootloader
    if sys.platform == "win32":
        qt = os.path.join(base, "PySide6")
        os.environ["PATH"] = base + os.pathsep + os.environ.get("PATH", "")
    else:
        qt = os.path.join(base, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")


_pyi_rthook()
del _pyi_rthook
