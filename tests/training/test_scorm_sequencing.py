"""
SCORM 2004 simple sequencing as the import reads it (control mode, what is set aside), the
default rollup, and the menu's depth.
"""

import pytest
from django.core.management import call_command
from django.test import Client

from tests.training.scorm_factories import (
    HANDMADE,
    handmade_lesson,
    handmade_zip,
    import_handmade,
)
from training.models import ScormProgress
from training.scorm.manifest import parse_manifest
from training.services import commit_scorm_data
from training.services.scorm import roll_up


def _manifest(folder):
    return parse_manifest((HANDMADE / folder / "imsmanifest.xml").read_bytes())


def test_flow_without_choice_is_read_from_the_organisation():
    assert _manifest("sequencing_flow").sequencing == {
        "choice": False,
        "flow": True,
        "forward_only": False,
        "unsupported": [],
    }


def test_a_package_without_sequencing_is_played_with_its_menu():
    assert _manifest("asset_only").sequencing == {
        "choice": True,
        "flow": False,
        "forward_only": False,
        "unsupported": [],
    }


def test_sequencing_beyond_the_supported_is_named_and_played_in_choice_mode():
    assert _manifest("sequencing_rules").sequencing == {
        "choice": True,
        "flow": False,
        "forward_only": False,
        "unsupported": ["limitConditions", "rollupRules", "sequencingRules"],
    }


def test_the_import_command_says_what_it_sets_aside(capsys, tmp_path):
    def zip_path(folder):
        path = tmp_path / f"{folder}.zip"
        path.write_bytes(handmade_zip(folder))
        return str(path)

    call_command("import_scorm", zip_path("sequencing_rules"))
    out = capsys.readouterr().out
    assert (
        "Sequencing not supported: limitConditions, rollupRules, sequencingRules; the package "
        "plays in choice mode (menu only)."
    ) in out
    call_command("import_scorm", zip_path("sequencing_flow"))
    assert "Navigation: flow" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_package_list_shows_its_navigation(administrator, client):
    import_handmade("sequencing_rules")
    import_handmade("sequencing_flow")
    client.force_login(administrator)
    page = client.get("/admin/snippets/training/scormpackage/").content.decode()
    # "menu (sequencing not supported: …)", "continue/previous"
    assert "menu (urutan tidak didukung: limitConditions, rollupRules, sequencingRules)" in page
    assert "lanjut/kembali" in page


@pytest.mark.django_db
def test_a_flow_package_shows_next_and_previous_and_locks_its_menu(client):
    lesson, enrolment = handmade_lesson("sequencing_flow")
    client.force_login(enrolment.participant)
    page = client.get(lesson.url).content.decode()
    assert 'data-flow="true"' in page and 'data-choice="false"' in page
    assert "data-scorm-continue" in page and "data-scorm-previous" in page
    assert page.count('data-status="not_attempted" disabled>') == 3


@pytest.mark.django_db
def test_the_default_rollup_of_completion_and_success():
    lesson, enrolment = handmade_lesson("sequencing_flow")
    package = lesson.scorm_package

    def rollup():
        return roll_up(package, ScormProgress.objects.filter(enrolment=enrolment))

    def commit(item, **cmi):
        commit_scorm_data(
            enrolment=enrolment, lesson=lesson, item_identifier=item, cmi=cmi, session_key=item
        )

    assert rollup() == {"completion": "not attempted", "success": "unknown"}
    commit("part_a", completion_status="completed", success_status="passed")
    assert rollup() == {"completion": "incomplete", "success": "unknown"}
    commit("part_b", completion_status="completed", success_status="failed")
    assert rollup() == {"completion": "incomplete", "success": "failed"}
    commit("part_c", completion_status="completed", success_status="passed")
    commit("part_b", completion_status="completed", success_status="passed")
    assert rollup() == {"completion": "completed", "success": "passed"}
    client = Client()
    client.force_login(enrolment.participant)
    assert "Hasil: lulus." in client.get(lesson.url).content.decode()  # "Result: passed."


@pytest.mark.django_db
def test_the_menu_keeps_every_level_of_the_organisation(client):
    lesson, enrolment = handmade_lesson("four_levels")
    client.force_login(enrolment.participant)
    page = client.get(lesson.url).content.decode()
    # Each level is a list nested inside its parent's item: four levels, four lists deep.
    menu = page[
        page.index('<ol class="scorm-menu"') : page.index("</nav>", page.index("scorm-menu"))
    ]
    depth, deepest = 0, 0
    for token in menu.split("<"):
        if token.startswith("ol"):
            depth += 1
            deepest = max(deepest, depth)
        elif token.startswith("/ol"):
            depth -= 1
    assert deepest == 4
    assert 'data-depth="3"' in menu and "Tingkat 4 B" in menu


@pytest.mark.django_db
def test_a_package_imported_before_navigation_was_read_gets_it_when_imported_again():
    package = import_handmade("sequencing_flow")
    package.sequencing = {}
    package.save()
    assert import_handmade("sequencing_flow") == package
    package.refresh_from_db()
    assert package.navigation["flow"] is True and package.navigation["choice"] is False
