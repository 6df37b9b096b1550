"""Reading the manifest of each shared SCORM package, and of hand-made ones."""

import pytest
from django.utils import translation

from tests.training.scorm_factories import MANIFEST_12, SCORM_DATA
from training.scorm.errors import ScormPackageError
from training.scorm.manifest import parse_manifest
from training.scorm.package import check_package, open_zip


def _manifest_of(file_name):
    with (SCORM_DATA / file_name).open("rb") as file:
        return check_package(open_zip(file)).manifest


def test_single_sco_12_package_has_its_title_version_and_launch_file():
    manifest = _manifest_of("singlescobasic.zip")
    assert manifest.identifier == "com.scorm.golfsamples.runtime.basicruntime.12"
    assert manifest.title == "Golf Explained - Run-time Basic Calls"
    assert manifest.version == "1.2"
    assert manifest.organisations == ["golf_sample_default_org"]
    assert [(item.identifier, item.launch, item.sco) for item in manifest.items] == [
        ("item_1", "shared/launchpage.html", True)
    ]


def test_2004_third_edition_package_is_recognised():
    manifest = _manifest_of("RuntimeBasicCalls_SCORM20043rdEdition.zip")
    assert manifest.version == "2004-3"
    assert manifest.sco_count == 1
    assert manifest.launchable_items[0].launch == "shared/launchpage.html"


def test_multi_sco_package_lists_its_headings_and_eighteen_scos_in_order():
    manifest = _manifest_of("RuntimeMinimumCalls_SCORM12.zip")
    assert len(manifest.items) == 22
    assert manifest.sco_count == 18
    headings = [item.title for item in manifest.items if not item.launch]
    assert headings == ["Playing the Game", "Etiquette", "Handicapping", "Having Fun"]
    assert manifest.items[0].depth == 0 and manifest.items[1].depth == 1
    quiz = next(item for item in manifest.items if item.identifier == "playing_quiz_item")
    # The item's parameters are appended to the shared launch file.
    assert quiz.launch == "shared/assessmenttemplate.html?questions=Playing"


@pytest.mark.parametrize(
    ("schema_version", "expected"),
    [
        ("1.2", "1.2"),
        ("CAM 1.3", "2004-2"),
        ("2004 3rd Edition", "2004-3"),
        ("2004 4th Edition", "2004-4"),
    ],
)
def test_schema_version_names_the_scorm_edition(schema_version, expected):
    content = MANIFEST_12.format(launch="a.html").replace(
        "<schemaversion>1.2</schemaversion>", f"<schemaversion>{schema_version}</schemaversion>"
    )
    assert parse_manifest(content.encode()).version == expected


def test_manifest_without_organisation_launches_its_sco_resources():
    content = (
        '<manifest identifier="m" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">'
        "<metadata><schemaversion>1.2</schemaversion></metadata><organizations/>"
        '<resources><resource identifier="r" adlcp:scormtype="sco" href="go.html"/></resources>'
        "</manifest>"
    )
    manifest = parse_manifest(content.encode())
    assert [item.launch for item in manifest.items] == ["go.html"]


def test_xml_base_of_the_resources_prefixes_the_launch_file():
    content = MANIFEST_12.format(launch="index.html").replace(
        "<resources>", '<resources xml:base="content/">'
    )
    assert parse_manifest(content.encode()).items[0].launch == "content/index.html"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<?xml version='1.0'?>", "manifest_invalid"),
        (b"<notamanifest/>", "manifest_invalid"),
        (
            b"<manifest><metadata><schemaversion>1.2</schemaversion></metadata>"
            b"<organizations/><resources/></manifest>",
            "no_launchable_resource",
        ),
        (b"<manifest><organizations/><resources/></manifest>", "unknown_version"),
    ],
)
def test_unusable_manifests_are_refused_with_their_reason(content, code):
    with pytest.raises(ScormPackageError) as refused:
        parse_manifest(content)
    assert refused.value.code == code


def test_entity_expansion_in_a_manifest_is_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><manifest>&b;</manifest>'
    )
    with pytest.raises(ScormPackageError) as refused:
        parse_manifest(bomb)
    assert refused.value.code == "manifest_invalid"


@pytest.mark.parametrize(
    "manifest",
    [
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "x">]><manifest>&a;</manifest>',
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a SYSTEM "file:///etc/passwd">]>'
        b"<manifest>&a;</manifest>",
    ],
    ids=["internal entity", "external entity"],
)
def test_a_manifest_with_entities_is_refused_with_a_translated_sentence_not_a_repr(manifest):
    with translation.override("id"), pytest.raises(ScormPackageError) as refused:
        parse_manifest(manifest)
    message = refused.value.messages[0]
    assert "Forbidden" not in message and "(" not in message
    assert "entitas XML" in message
