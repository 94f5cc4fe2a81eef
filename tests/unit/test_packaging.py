"""The desktop integration files agree with the code: one app id everywhere (STYLE.md rule 9)."""

from __future__ import annotations

import configparser
import struct
import tomllib
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest

import clearsight

# packaging/ is not part of the installed package, so these tests read the clone itself.
REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
DESKTOP_FILE = PACKAGING / f"{clearsight.APP_ID}.desktop"
METAINFO_FILE = PACKAGING / f"{clearsight.APP_ID}.metainfo.xml"
PNG_SIZES = (48, 64, 128, 256)


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(DESKTOP_FILE.read_text(encoding="utf-8"), source=str(DESKTOP_FILE))
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO_FILE).getroot()


def test_app_id_is_reverse_dns() -> None:
    assert clearsight.APP_ID == "org.clearsight.Clearsight"


def test_desktop_file_launches_the_console_script() -> None:
    entry = desktop_entry()
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "scripts"
    ]
    assert entry["Type"] == "Application"
    assert entry["Name"] == clearsight.APP_NAME
    assert entry["Exec"] == "clearsight"
    assert entry["Exec"].split()[0] in scripts


def test_desktop_file_uses_the_app_id_for_its_icon() -> None:
    assert desktop_entry()["Icon"] == clearsight.APP_ID


def test_metainfo_is_well_formed_and_names_the_app_id() -> None:
    root = metainfo()
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == clearsight.APP_ID
    assert root.findtext("name") == clearsight.APP_NAME
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP_FILE.name


def test_metainfo_newest_release_is_the_package_version() -> None:
    releases = metainfo().findall("releases/release")
    assert releases, "metainfo lists no release"
    assert releases[0].get("version") == clearsight.__version__


def test_scalable_icon_ships_with_the_package() -> None:
    icon = resources.files("clearsight.resources") / "icons" / f"{clearsight.APP_ID}.svg"
    assert icon.is_file()
    root = ET.fromstring(icon.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icon_renders_have_their_size(size: int) -> None:
    path = (
        REPO
        / "resources"
        / "icons"
        / "hicolor"
        / f"{size}x{size}"
        / "apps"
        / f"{clearsight.APP_ID}.png"
    )
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])  # the IHDR chunk comes first
    assert (width, height) == (size, size)
