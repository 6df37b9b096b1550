"""
No spreadsheet the site writes carries a live formula (CSV injection): what participants,
anonymous visitors and staff typed is written as text, with a leading ``'`` where it would
start a formula, in every .csv and .xlsx export; genuine numbers stay numbers.
"""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from certificates.models import Certificate, CertificateStatus
from cms.spreadsheets import FORMULA_PREFIXES, InertSpreadsheetExportMixin
from tests.certificates.factories import CertificateTemplateFactory
from tests.cms.factories import make_complaint, make_survey_response
from tests.factories import AgencyFactory, ParticipantFactory
from tests.training import assessment_factories
from tests.training.factories import BatchFactory, EnrolmentFactory, lessons_of, make_course
from training.models import (
    Attempt,
    AttemptStatus,
    Enrolment,
    EnrolmentStatus,
    ModulePage,
    QuizKind,
)
from training.services import complete_lesson, start_attempt, submit_attempt

from .test_url_matrix import is_ours

pytestmark = pytest.mark.django_db

NAME = '=HYPERLINK("http://x","y")'
POSITION = "+1+1"
AGENCY = "@SUM(A1)"
BATCH = "-2+3"
MODULE = "+1+1 Modul"
QUESTION = "-2+3?"


def is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def cells_of(response_or_bytes, file_format):
    """Every cell of the download: strings from a .csv, openpyxl cells from an .xlsx."""
    if isinstance(response_or_bytes, bytes):
        content = response_or_bytes
    else:
        assert response_or_bytes.status_code == 200
        content = (
            b"".join(response_or_bytes.streaming_content)
            if response_or_bytes.streaming
            else response_or_bytes.content
        )
    if file_format == "csv":
        rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
        return [cell for row in rows for cell in row]
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def assert_inert(cells, *typed):
    """No cell is a formula or text that starts one; each of ``typed`` is there, quoted."""
    if cells and not isinstance(cells[0], str):
        assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
        cells = [cell.value for cell in cells]
    live = [
        cell
        for cell in cells
        if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES) and not is_number(cell)
    ]
    assert live == []
    for text in typed:
        assert "'" + text in cells


@pytest.fixture
def hostile():
    """
    A participant whose name, position and agency are formulas completed a course (whose
    module is one too) in a batch named like a sum, passed its post-test and holds a
    certificate; a complaint and a survey answer carry formulas too.
    """
    course = make_course(modules=1, lessons=1)
    ModulePage.objects.descendant_of(course).update(title=MODULE)
    participant = ParticipantFactory(
        full_name=NAME, position=POSITION, agency=AgencyFactory(name=AGENCY)
    )
    enrolment = EnrolmentFactory(
        batch=BatchFactory(course=course, name=BATCH), participant=participant
    )
    complete_lesson(enrolment=enrolment, lesson=lessons_of(course)[0])
    Enrolment.objects.filter(pk=enrolment.pk).update(
        status=EnrolmentStatus.COMPLETED, completed_at=timezone.now()
    )
    Attempt.objects.create(
        enrolment=enrolment, quiz=assessment_factories.make_quiz(course, QuizKind.POST_TEST),
        number=1, status=AttemptStatus.GRADED, max_score=10, score=9, percentage=90, passed=True,
    )  # fmt: skip
    Certificate.objects.create(
        enrolment=enrolment,
        template=CertificateTemplateFactory(),
        status=CertificateStatus.VALID,
        code="FORMULA01",
        number="800.2.3/0001/BKPSDM/I/2026",
        issued_at=timezone.now(),
    )
    make_complaint(subject=NAME, message=AGENCY, reporter_name=POSITION)
    make_survey_response(age=35, service_received=BATCH, suggestion=NAME)
    return enrolment


# The listings and reports of the admin, with the typed text each export holds.
ADMIN_EXPORTS = [
    ("training_reports:enrolments", [NAME, AGENCY, BATCH]),
    ("training_reports:assessments", [NAME, BATCH]),
    ("training_reports:batch_assessments", [BATCH]),
    ("training_reports:xapi_statements", [NAME, BATCH]),
    ("certificates_reports:jp_participants", [NAME, AGENCY]),
    ("certificates_reports:jp_agencies", [AGENCY]),
    ("certificates_register:index", [NAME, POSITION, AGENCY, BATCH]),
    ("training_enrolments:index", [NAME]),
    ("complaints:index", [NAME]),
    ("survey_responses:index", [BATCH, NAME]),
]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(("url_name", "typed"), ADMIN_EXPORTS)
def test_admin_exports_write_typed_text_as_text(
    client, administrator, hostile, url_name, typed, file_format
):
    client.force_login(administrator)

    response = client.get(reverse(url_name), {"export": file_format})

    cells = cells_of(response, file_format)
    assert_inert(cells, *typed)
    if url_name == "survey_responses:index" and file_format == "xlsx":
        # The respondent's age (35) and the nine scores (3) are still numbers.
        assert {cell.data_type for cell in cells if cell.value in (35, 3)} == {"n"}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_site_history_writes_participants_names_as_text(client, administrator, file_format):
    """An audit entry of a participant's own action names them, as its title and its user."""
    from accounts.twofactor import regenerate_recovery_codes

    regenerate_recovery_codes(user=ParticipantFactory(full_name=NAME))
    client.force_login(administrator)

    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": file_format})

    cells = cells_of(response, file_format)
    assert_inert(cells, NAME)


def test_the_batch_progress_workbook_writes_typed_text_as_text(client, administrator, hostile):
    client.force_login(administrator)

    response = client.get(reverse("training_admin:batch_progress_export", args=[hostile.batch_id]))

    cells = cells_of(response, "xlsx")
    assert_inert(cells, NAME, AGENCY, MODULE)
    assert 100 in [cell.value for cell in cells if cell.data_type == "n"]


def _sit(enrolment, quiz, right):
    responses = {}
    for index, question in enumerate(quiz.questions.order_by("sort_order")):
        responses[question.pk] = [question.choices.get(is_correct=index < right).pk]
    submit_attempt(attempt=start_attempt(enrolment=enrolment, quiz=quiz), responses=responses)


def test_the_learning_gain_workbook_writes_typed_text_as_text(client, administrator):
    course = assessment_factories.make_course()
    quizzes = {}
    for kind in (QuizKind.PRE_TEST, QuizKind.POST_TEST):
        quizzes[kind] = assessment_factories.make_quiz(course, kind, attempt_limit=None)
        for _index in range(2):
            assessment_factories.add_question(
                quizzes[kind], "single", QUESTION, choices=[("ya", True), ("tidak", False)]
            )
    enrolment = assessment_factories.EnrolmentFactory(
        batch=assessment_factories.BatchFactory(course=course),
        participant=ParticipantFactory(full_name=NAME, agency=AgencyFactory(name=AGENCY)),
    )
    _sit(enrolment, quizzes[QuizKind.PRE_TEST], 1)  # 50 %
    _sit(enrolment, quizzes[QuizKind.POST_TEST], 0)  # 0 %: a gain of -1
    client.force_login(administrator)

    response = client.get(
        reverse("assessment_admin:batch_report", args=[enrolment.batch_id]), {"export": "xlsx"}
    )

    cells = cells_of(response, "xlsx")
    assert_inert(cells, NAME, AGENCY, QUESTION)
    negative = [cell.data_type for cell in cells if cell.value == -1]
    assert negative and set(negative) == {"n"}


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_jp_ledger_command_writes_typed_text_as_text(hostile, tmp_path, file_format):
    output = tmp_path / f"jp.{file_format}"

    call_command(
        "export_jp_ledger", year=timezone.localdate().year, output=str(output), stdout=io.StringIO()
    )

    cells = cells_of(output.read_bytes(), file_format)
    assert_inert(cells, NAME, POSITION, AGENCY, BATCH)


def spreadsheet_views(patterns=None, namespace=None):
    """``(name, view class, initkwargs)`` of every URL whose view can export a spreadsheet."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from spreadsheet_views(pattern.url_patterns, pattern.namespace or namespace)
            continue
        view = getattr(pattern.callback, "view_class", None)
        if view and issubclass(view, SpreadsheetExportMixin):
            initkwargs = getattr(pattern.callback, "view_initkwargs", {})
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name, view, initkwargs


def our_exports():
    """
    The views of our apps that export: our own listings and reports with export columns (or
    their own export), and Wagtail's generic listings of our viewsets given a ``list_export``.
    """
    from wagtail.admin.viewsets import viewsets

    namespaces = {vs.url_namespace for vs in viewsets.viewsets if is_ours(type(vs).__module__)}
    for name, view, initkwargs in spreadsheet_views():
        exports = (
            initkwargs.get("list_export")
            or view.list_export
            or getattr(view, "export_fields", None)
            or view.show_export_buttons is not SpreadsheetExportMixin.show_export_buttons
        )
        built_on_ours = any(is_ours(base.__module__) for base in view.__mro__)
        if exports and (built_on_ours or name.split(":")[0] in namespaces):
            yield name, view


def test_every_export_of_our_apps_writes_inert_cells():
    """A new listing or report with an export gets the rule too, or this test names it."""
    exports = dict(our_exports())
    unsafe = [
        name for name, view in exports.items() if not issubclass(view, InertSpreadsheetExportMixin)
    ]

    assert {name for name, _typed in ADMIN_EXPORTS} <= set(exports)
    assert unsafe == []
