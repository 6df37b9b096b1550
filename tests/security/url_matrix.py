"""
The access-control matrix: every named URL of the site and what each kind of visitor gets.

``tests/security/test_url_matrix.py`` walks the URL configuration (``get_resolver()``, the
language-prefixed patterns included, the Wagtail admin excluded) and fails for every named
pattern that has no entry in ``URLS``, naming it. Each entry is then requested as each
actor and the answer must match the declared outcome.

How to add a URL (for example when merging a branch that adds views):

1. Give the pattern a name (an unnamed pattern cannot be declared and is refused too).
2. Add ``"namespace:name": entry`` to ``URLS`` below, built with one of:

   - ``public(url)``: the same page for everyone (catalogue, verification, sign-in).
   - ``private(url, owner=OK, trainer=..., administrator=...)``: anonymous visitors are sent
     to sign-in; every actor not named gets 404 (the page says nothing about what exists).
   - ``Entry(url, expect={actor: outcome, ...})`` when neither fits; every actor must be
     given.

   ``url`` is a function of the ``World`` (the objects below) returning the path, usually
   ``lambda w: reverse("app:name", args=[w.some_object.pk])``. ``method="post"`` and
   ``data`` (a function of the world) send a form instead of a GET.
3. If the URL needs a new kind of object, build it in ``World.__init__`` through the
   factories and services (never by hand-writing rows a service would write). The world is
   built once per test module; each request runs in a savepoint that is rolled back, so a
   POST by one actor never changes what the next one meets.

The actors (``ACTORS``): an anonymous visitor; another participant (enrolled in a different
course, so nothing here is theirs); a trainer of another course; the owner (the participant
whose enrolment, attempt or certificate it is); a trainer of the course; an administrator.

Outcomes: ``OK`` (a 2xx answer, or a redirect that is not to a sign-in page), ``SIGN_IN``
(a redirect to the participant sign-in page), ``NOT_FOUND`` (404), ``ADMIN_SIGN_IN`` (a
redirect to the admin sign-in page), ``DENIED`` (Wagtail's "permission denied": a redirect to
the admin dashboard with a message).

Our admin screens (the second half of ``URLS``)
------------------------------------------------
Every URL under ``/admin/`` whose view lives in one of our apps (accounts, cms, training,
certificates, operations) has an entry too; Wagtail's own admin URLs are Wagtail's to test.
The rule for every one of them, in this order:

1. Anonymous visitors and participants (who hold no admin access) are sent to the admin
   sign-in page (``ADMIN_SIGN_IN``), whatever the object and whether it exists.
2. A screen that is not for the user's role at all (certificates, imports, paused sign-ins,
   complaints are the administrators'; trainers get none of them) answers with Wagtail's
   permission denied (``DENIED``), before any object is looked up: so it says nothing about
   what exists either, and the same answer comes for every object.
3. A screen that is for the role, opened on an object of a course the user does not teach
   (a trainer of another course on this course's batch, session, essay, quiz or report),
   answers 404 (``NOT_FOUND``), exactly like an object that does not exist.
4. Lists and reports open for every trainer (``OK``) and show only their own courses' rows;
   ``test_url_matrix`` checks the rows of the exports, not just the status.

Build admin entries with ``staff_screen`` (rule 4), ``course_screen`` (rules 3: the course's
trainer and administrators OK, the other trainer 404) or ``administrators_only`` (rule 2).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlparse

from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.roles import TRAINERS

ANONYMOUS = "anonymous"
OTHER_PARTICIPANT = "other participant"
OTHER_TRAINER = "trainer of another course"
OWNER = "owner"
TRAINER = "trainer of the course"
ADMINISTRATOR = "administrator"
ACTORS = (ANONYMOUS, OTHER_PARTICIPANT, OTHER_TRAINER, OWNER, TRAINER, ADMINISTRATOR)
SIGNED_IN = ACTORS[1:]

OK = "ok"
SIGN_IN = "sign-in"
NOT_FOUND = "not found"
ADMIN_SIGN_IN = "admin sign-in"
DENIED = "permission denied"
# The API answers with status codes instead of redirects.
UNAUTHENTICATED = "HTTP 401"
FORBIDDEN = "HTTP 403"


def sign_in_paths() -> set[str]:
    """The participant sign-in page in every language."""
    paths = set()
    for language in ("id", "en"):
        with translation.override(language):
            paths.add(reverse("accounts:login"))
    return paths


def outcome_of(response) -> str:
    """Classify a response as one of the outcomes, or describe it when it is none of them."""
    status = response.status_code
    if status == 404:
        return NOT_FOUND
    if status in (301, 302, 303, 307, 308):
        path = urlparse(response["Location"]).path
        if path in sign_in_paths():
            return SIGN_IN
        if path == reverse("wagtailadmin_login"):
            return ADMIN_SIGN_IN
        if path == reverse("wagtailadmin_home"):
            return DENIED
        return OK
    if 200 <= status < 300:
        return OK
    return f"HTTP {status}"


@dataclass(frozen=True)
class Entry:
    """One URL of the matrix: how to build it and what each actor must get."""

    url: Callable[[World], str]
    expect: Mapping[str, str]
    method: str = "get"
    data: Callable[[World], dict] | None = None
    content_type: str | None = None
    note: str = ""
    admin: bool = False
    """A screen of the Wagtail admin (no language prefix, the admin's own CSP)."""

    def __post_init__(self):
        missing = set(ACTORS) - set(self.expect)
        if missing:
            raise ValueError(f"Entry without an outcome for {sorted(missing)}")


def public(url, **kwargs) -> Entry:
    """A page everyone may see, signed in or not."""
    return Entry(url, expect=dict.fromkeys(ACTORS, OK), **kwargs)


def signed_in(url, **kwargs) -> Entry:
    """A page of the signed-in person themselves (profile, dashboard): sign-in, then OK."""
    return Entry(url, expect={ANONYMOUS: SIGN_IN, **dict.fromkeys(SIGNED_IN, OK)}, **kwargs)


def private(url, *, method="get", data=None, content_type=None, note="", **allowed) -> Entry:
    """
    A record of the owner: anonymous visitors go to sign-in, everyone not listed in
    ``allowed`` (keyword per actor: ``owner``, ``trainer``, ``administrator``,
    ``other_participant``, ``other_trainer``) gets 404.
    """
    names = {
        "owner": OWNER,
        "trainer": TRAINER,
        "administrator": ADMINISTRATOR,
        "other_participant": OTHER_PARTICIPANT,
        "other_trainer": OTHER_TRAINER,
    }
    expect = {ANONYMOUS: SIGN_IN, **dict.fromkeys(SIGNED_IN, NOT_FOUND)}
    for key, outcome in allowed.items():
        expect[names[key]] = outcome
    return Entry(url, expect=expect, method=method, data=data, content_type=content_type, note=note)


def api(url, *, method="get", data=None, content_type=None, note="", **allowed) -> Entry:
    """
    An API resource: like ``private``, except that anonymous callers get 401 (an API has no
    sign-in page to redirect to). ``FORBIDDEN`` marks a record the actor may see but not act on.
    """
    entry = private(url, method=method, data=data, content_type=content_type, note=note, **allowed)
    expect = {**entry.expect, ANONYMOUS: UNAUTHENTICATED}
    return Entry(url, expect=expect, method=method, data=data, content_type=content_type, note=note)


def api_signed_in(url, **kwargs) -> Entry:
    """An API list of the caller's own records: 401 for anonymous callers, else OK."""
    return api(url, **dict.fromkeys(_ALLOWED_NAMES, OK), **kwargs)


_ALLOWED_NAMES = ("owner", "trainer", "administrator", "other_participant", "other_trainer")


def _admin_screen(url, trainer, other_trainer, **kwargs) -> Entry:
    expect = {
        **dict.fromkeys((ANONYMOUS, OTHER_PARTICIPANT, OWNER), ADMIN_SIGN_IN),
        TRAINER: trainer,
        OTHER_TRAINER: other_trainer,
        ADMINISTRATOR: OK,
    }
    return Entry(url, expect=expect, admin=True, **kwargs)


def staff_screen(url, **kwargs) -> Entry:
    """An admin list, report or form for every trainer and administrator (rule 4)."""
    return _admin_screen(url, OK, OK, **kwargs)


def course_screen(url, **kwargs) -> Entry:
    """An admin screen of one course's object: its trainers and administrators (rule 3)."""
    return _admin_screen(url, OK, NOT_FOUND, **kwargs)


def administrators_only(url, **kwargs) -> Entry:
    """An admin screen that is no trainer's: Wagtail's permission denied (rule 2)."""
    return _admin_screen(url, DENIED, DENIED, **kwargs)


def nobody(url, **kwargs) -> Entry:
    """A screen nobody opens, administrators included: the records are made by services."""
    entry = administrators_only(url, **kwargs)
    return Entry(url, expect={**entry.expect, ADMINISTRATOR: DENIED}, admin=True, **kwargs)


def admin_url(name, *objects, query=""):
    """``lambda w: reverse(name, args=[w.<object>.pk, ...]) + query``."""
    return lambda w: reverse(name, args=[getattr(w, o).pk for o in objects]) + query


def screens(namespace, kind, obj=None, *names, query="") -> dict[str, Entry]:
    """
    Entries of a viewset's screens that share one outcome: ``kind`` (``staff_screen``,
    ``course_screen``, ``administrators_only``, ``nobody``) of each ``namespace:name``;
    screens of one object get ``obj``'s primary key (an attribute of the world).
    """
    return {
        f"{namespace}:{name}": kind(admin_url(f"{namespace}:{name}", *([obj] if obj else [])))
        for name in names
    }


LISTS = ("index", "index_results")
SNIPPET_LISTS = ("list", "list_results")
HISTORY = ("history", "history_results")


def _player_outcomes() -> dict:
    return {
        **dict.fromkeys(ACTORS, NOT_FOUND),
        OWNER: OK,
        TRAINER: OK,
        ADMINISTRATOR: OK,
    }


def participant_list_upload(w) -> dict:
    """A small, valid participant list for the import endpoints."""
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    workbook = openpyxl.Workbook()
    workbook.active.append(["NIP", "Nama", "Email", "Pangkat/Golongan", "Jabatan", "Unit Kerja"])
    workbook.active.append(
        ["198501012010011009", "Budi Santoso", "budi@example.go.id", "III/a", "Analis", "Dinas"]
    )
    output = io.BytesIO()
    workbook.save(output)
    return {"file": SimpleUploadedFile("peserta.xlsx", output.getvalue())}


class World:
    """
    The people and records the matrix is played on: a live course with its trainer, a
    batch with the owner enrolled, and the same for another course (other participant,
    other trainer). Records that only some URLs need are built on first use.
    """

    def __init__(self):
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model

        from accounts.services import create_access_token
        from certificates.services import issue_batch_certificates
        from tests.certificates.factories import SignatoryFactory
        from tests.cms.factories import make_complaint, make_survey_response
        from tests.factories import (
            AdministratorFactory,
            AgencyFactory,
            ParticipantFactory,
            TrainerFactory,
        )
        from tests.training.assessment_factories import make_evaluation_form, make_full_quiz
        from tests.training.factories import (
            BatchFactory,
            BatchSessionFactory,
            EnrolmentFactory,
            make_course,
        )
        from training.models import CourseTrainer, LessonPage
        from training.services import record_scorm_completion, start_attempt, submit_attempt
        from training.services.imports import preview_participant_import

        self.trainer = TrainerFactory()
        self.other_trainer = TrainerFactory()
        self.owner = ParticipantFactory()
        self.other_participant = ParticipantFactory()
        self.administrator = AdministratorFactory()
        self.course = make_course(modules=1, lessons=2)
        CourseTrainer.objects.create(course=self.course, trainer=self.trainer)
        self.other_course = make_course(modules=1, lessons=1)
        CourseTrainer.objects.create(course=self.other_course, trainer=self.other_trainer)
        self.batch = BatchFactory(course=self.course)
        self.enrolment = EnrolmentFactory(batch=self.batch, participant=self.owner)
        self.other_enrolment = EnrolmentFactory(
            batch=BatchFactory(course=self.other_course), participant=self.other_participant
        )

        # Every record is built now: the world is shared by the tests of a module, each of
        # which runs in a savepoint that is rolled back.
        self.lesson = LessonPage.objects.descendant_of(self.course).order_by("path").first()
        self.quiz = make_full_quiz(self.course)
        self.submitted_attempt = submit_attempt(
            attempt=start_attempt(enrolment=self.enrolment, quiz=self.quiz), responses={}
        )
        self.open_attempt = start_attempt(enrolment=self.enrolment, quiz=self.quiz)
        self.evaluation_form = make_evaluation_form(self.course)
        self.certificate = self._certificate()
        self.participant_import, _results = preview_participant_import(
            batch=self.batch,
            content=participant_list_upload(self)["file"].read(),
            file_name="peserta.xlsx",
            uploaded_by=self.administrator,
        )
        self.certificate_job = issue_batch_certificates(batch=self.batch)
        self.owner_token, _raw = create_access_token(user=self.owner, name="Integrasi")
        self.scorm_lesson = self._scorm_lesson()
        # Learning records (xAPI) of both participants, for the statements report.
        self.xapi_statement = record_scorm_completion(
            enrolment=self.enrolment,
            package_key=self.scorm_lesson.scorm_package_id,
            title=self.scorm_lesson.title,
            attempt_key=1,
        )
        record_scorm_completion(
            enrolment=self.other_enrolment, package_key=0, title="Paket", attempt_key=1
        )
        self.document = get_document_model()(title="Modul PDF")
        self.document.file.save("modul.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
        # Records of the admin screens.
        self.session = BatchSessionFactory(batch=self.batch)
        self.essay_answer = self._essay_answer()
        self.complaint = make_complaint()
        self.paused_sign_in = self._paused_sign_in()
        self.survey_response = make_survey_response()
        self.agency = AgencyFactory()
        self.signatory = SignatoryFactory()
        self.certificate_template = self.certificate_settings.template
        self.scorm_package = self.scorm_lesson.scorm_package

    def user(self, actor):
        return {
            ANONYMOUS: None,
            OTHER_PARTICIPANT: self.other_participant,
            OTHER_TRAINER: self.other_trainer,
            OWNER: self.owner,
            TRAINER: self.trainer,
            ADMINISTRATOR: self.administrator,
        }[actor]

    def _certificate(self):
        """The owner's issued certificate with a stored PDF, from a completed batch."""
        from django.core.files.base import ContentFile

        from certificates.models import RenderStatus
        from certificates.services import issue_certificate
        from tests.certificates.factories import CourseCertificateSettingsFactory
        from tests.training.factories import BatchFactory, EnrolmentFactory
        from training.models import EnrolmentStatus

        self.certificate_settings = CourseCertificateSettingsFactory(course=self.course)
        completed = EnrolmentFactory(
            batch=BatchFactory(course=self.course),
            participant=self.owner,
            status=EnrolmentStatus.COMPLETED,
            completed_at=timezone.now(),
        )
        certificate = issue_certificate(enrolment=completed)
        # The PDF itself is rendered by WeasyPrint in tests/certificates; access control
        # only needs a stored file.
        certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"))
        certificate.render_status = RenderStatus.DONE
        certificate.save(update_fields=["render_status"])
        return certificate

    def _scorm_lesson(self):
        """The course's second lesson, playing a small SCORM 1.2 package."""
        import io

        from tests.training.factories import lessons_of
        from tests.training.scorm_factories import minimal_package
        from training.services import attach_scorm_package, import_scorm_package

        package = import_scorm_package(file=io.BytesIO(minimal_package()), file_name="mini.zip")
        return attach_scorm_package(lesson=lessons_of(self.course)[1], package=package)

    def _essay_answer(self):
        """The owner's essay answer waiting for a grade, in a module quiz of the course."""
        from tests.training.assessment_factories import add_question, make_quiz
        from training.models import ModulePage, QuizKind
        from training.services import start_attempt, submit_attempt

        module = ModulePage.objects.descendant_of(self.course).first()
        quiz = make_quiz(self.course, QuizKind.MODULE, module=module)
        essay = add_question(quiz, "essay", points="4")
        attempt = submit_attempt(
            attempt=start_attempt(enrolment=self.enrolment, quiz=quiz),
            responses={essay.pk: "Kanal SP4N-LAPOR! dan kotak saran."},
        )
        return attempt.answers.get(question_ref=essay.pk)

    def _paused_sign_in(self):
        """A (user name, address) pair paused after too many wrong passwords."""
        from axes.models import AccessAttempt
        from django.conf import settings
        from django.test import Client

        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            Client(REMOTE_ADDR="10.1.1.1").post(
                reverse("accounts:login"), {"username": "terkunci", "password": "salah"}
            )
        return AccessAttempt.objects.get(username="terkunci")

    def scorm_content_token(self):
        """A genuine signed address of the owner's SCORM lesson, as the lesson page gives it."""
        from training.scorm.origin import content_token

        return content_token(lesson_id=self.scorm_lesson.pk, user_id=self.owner.pk)

    def badge_key_id(self):
        from certificates.badge_signing import public_jwk

        return public_jwk()["kid"]

    def invitation_path(self):
        from accounts.invitations import invitation_token_generator

        # As stored now: the token hashes the last sign-in, which signing in as the owner moved.
        owner = type(self.owner).objects.get(pk=self.owner.pk)
        uid = urlsafe_base64_encode(force_bytes(owner.pk))
        token = invitation_token_generator.make_token(owner)
        return reverse("accounts:invitation_accept", args=[uid, token])

    def calendar_feed_path(self):
        from accounts.services import get_or_create_calendar_feed

        return get_or_create_calendar_feed(user=self.owner).get_absolute_url()

    def password_reset_path(self):
        uid = urlsafe_base64_encode(force_bytes(self.owner.pk))
        token = default_token_generator.make_token(self.owner)
        return reverse("accounts:password_reset_confirm", args=[uid, token])


def _attempt_url(name, attempt):
    return lambda w: reverse(name, args=[w.quiz.pk, getattr(w, attempt).pk])


URLS: dict[str, Entry] = {
    # --- Public ----------------------------------------------------------------------
    "set_language": Entry(
        lambda w: reverse("set_language"),
        expect=dict.fromkeys(ACTORS, OK),
        method="post",
        data=lambda w: {"language": "en", "next": "/"},
    ),
    "wagtail_serve": public(lambda w: w.lesson.url, note="pages: lessons are open reading"),
    "wagtailcore_login": public(lambda w: reverse("wagtailcore_login")),
    "wagtailcore_authenticate_with_password": Entry(
        lambda w: reverse("wagtailcore_authenticate_with_password", args=[999999, w.course.pk]),
        expect=dict.fromkeys(ACTORS, NOT_FOUND),
        note="only for pages with a password restriction; none exists here",
    ),
    "wagtaildocs_serve": public(lambda w: w.document.url),
    "wagtaildocs_authenticate_with_password": Entry(
        lambda w: reverse("wagtaildocs_authenticate_with_password", args=[999999]),
        expect=dict.fromkeys(ACTORS, NOT_FOUND),
        note="only for collections with a password restriction; none exists here",
    ),
    "accounts:login": public(lambda w: reverse("accounts:login")),
    "accounts:password_reset": public(lambda w: reverse("accounts:password_reset")),
    "accounts:password_reset_done": public(lambda w: reverse("accounts:password_reset_done")),
    "accounts:password_reset_confirm": public(lambda w: w.password_reset_path()),
    "accounts:password_reset_complete": public(
        lambda w: reverse("accounts:password_reset_complete")
    ),
    "accounts:invitation_accept": public(lambda w: w.invitation_path()),
    "accounts:invitation_complete": public(lambda w: reverse("accounts:invitation_complete")),
    "training:calendar_feed": public(
        lambda w: w.calendar_feed_path(),
        note="a calendar application has no session: the owner's secret token is the key",
    ),
    "certificates:verify": public(
        lambda w: reverse("certificates:verify", args=[w.certificate.code])
    ),
    "certificates:verify_json": public(
        lambda w: reverse("certificates:verify_json", args=[w.certificate.code])
    ),
    "certificates:badge_json": public(
        lambda w: reverse("certificates:badge_json", args=[w.certificate.code])
    ),
    "certificates:badge_jwt": public(
        lambda w: reverse("certificates:badge_jwt", args=[w.certificate.code])
    ),
    "badges:issuer": public(lambda w: reverse("badges:issuer")),
    "badges:key": public(lambda w: reverse("badges:key", args=[w.badge_key_id()])),
    "badges:status_list": public(lambda w: reverse("badges:status_list", args=["revocation"])),
    "health": public(
        lambda w: reverse("health") + "?checks=database,cache",
        note="operators' health check: the status for everyone, each check and its time only "
        "for administrators and HEALTH_CHECK_TOKEN (test_url_matrix checks the body)",
    ),
    "api-schema": public(lambda w: reverse("api-schema")),
    "api-docs": public(lambda w: reverse("api-docs")),
    "api:course-list": public(lambda w: reverse("api:course-list")),
    "api:course-detail": public(lambda w: reverse("api:course-detail", args=[w.course.pk])),
    "api:not_found": Entry(
        lambda w: "/api/v1/tidak-ada/",
        expect=dict.fromkeys(ACTORS, NOT_FOUND),
        note="unknown API addresses answer with a JSON 404",
    ),
    # --- The signed-in person's own pages ---------------------------------------------
    "accounts:logout": Entry(
        lambda w: reverse("accounts:logout"), expect=dict.fromkeys(ACTORS, OK), method="post"
    ),
    "accounts:profile": signed_in(lambda w: reverse("accounts:profile")),
    "accounts:password_change": signed_in(lambda w: reverse("accounts:password_change")),
    "accounts:login_code": Entry(
        lambda w: reverse("accounts:login_code"),
        expect=dict.fromkeys(ACTORS, SIGN_IN),
        note="the code step exists only right after a correct password; otherwise back to sign-in",
    ),
    "accounts:two_factor": signed_in(lambda w: reverse("accounts:two_factor")),
    "accounts:two_factor_setup": signed_in(lambda w: reverse("accounts:two_factor_setup")),
    "accounts:two_factor_recovery_codes": signed_in(
        lambda w: reverse("accounts:two_factor_recovery_codes"),
        method="post",
        note="without two-factor sign-in on, back to its page",
    ),
    "accounts:two_factor_disable": signed_in(lambda w: reverse("accounts:two_factor_disable")),
    "training:dashboard": signed_in(lambda w: reverse("training:dashboard")),
    "training:check_in": signed_in(lambda w: reverse("training:check_in")),
    "training:batch_calendar": private(
        lambda w: reverse("training:batch_calendar", args=[w.batch.pk]),
        owner=OK,
        trainer=OK,
        administrator=OK,
    ),
    "accounts:notification_preferences": signed_in(
        lambda w: reverse("accounts:notification_preferences"), method="post"
    ),
    "accounts:calendar_feed": signed_in(lambda w: reverse("accounts:calendar_feed"), method="post"),
    "training:check_in_code": signed_in(
        lambda w: reverse("training:check_in_code", args=["AB12CD"])
    ),
    "certificates:mine": signed_in(lambda w: reverse("certificates:mine")),
    "training:learning_record": signed_in(lambda w: reverse("training:learning_record")),
    "training:learning_record_export": signed_in(
        lambda w: reverse("training:learning_record_export")
    ),
    "training:enrol": signed_in(
        lambda w: reverse("training:enrol", args=[w.batch.pk]),
        method="post",
        note="any signed-in person may enrol in an open batch of a live course",
    ),
    "training:complete_lesson": signed_in(
        lambda w: reverse("training:complete_lesson", args=[w.lesson.pk]),
        method="post",
        note="records progress only on the visitor's own enrolment",
    ),
    "assessments:quiz": signed_in(
        lambda w: reverse("assessments:quiz", args=[w.quiz.pk]),
        note="the quiz's introduction is course information; attempts listed are one's own",
    ),
    "accounts:access_token_create": signed_in(
        lambda w: reverse("accounts:access_token_create"),
        method="post",
        data=lambda w: {"name": "Sistem kepegawaian"},
    ),
    "api:me": api_signed_in(lambda w: reverse("api:me")),
    "api:batch-list": api_signed_in(
        lambda w: reverse("api:batch-list"), note="lists only the batches the caller follows"
    ),
    "api:enrolment-list": api_signed_in(
        lambda w: reverse("api:enrolment-list"), note="lists only the caller's own enrolments"
    ),
    "api:certificate-list": api_signed_in(
        lambda w: reverse("api:certificate-list"), note="lists only the caller's certificates"
    ),
    # --- Records of one participant --------------------------------------------------
    "training:withdraw": private(
        lambda w: reverse("training:withdraw", args=[w.enrolment.pk]), method="post", owner=OK
    ),
    "assessments:start": private(
        lambda w: reverse("assessments:start", args=[w.quiz.pk]),
        method="post",
        owner=OK,
        note="only an enrolled participant starts an attempt",
    ),
    "assessments:attempt": private(_attempt_url("assessments:attempt", "open_attempt"), owner=OK),
    "assessments:save": private(
        _attempt_url("assessments:save", "open_attempt"),
        method="post",
        data=lambda w: {"answers": {}},
        content_type="application/json",
        owner=OK,
    ),
    "assessments:review": private(
        _attempt_url("assessments:review", "submitted_attempt"), owner=OK
    ),
    "assessments:evaluation": private(
        lambda w: reverse("assessments:evaluation", args=[w.evaluation_form.course_id]),
        owner=OK,
    ),
    # The package's files and run-time data are fetched by the player, not visited: an
    # anonymous request is a 404 like any other outsider's, not a sign-in redirect.
    "training:scorm_content": Entry(
        lambda w: reverse("training:scorm_content", args=[w.scorm_lesson.pk, "index.html"]),
        expect=_player_outcomes(),
        note="enrolled participants play it; the course's trainers and administrators preview",
    ),
    "training:scorm_content_origin": Entry(
        lambda w: reverse(
            "training:scorm_content_origin",
            args=[w.scorm_lesson.pk, w.scorm_content_token(), "index.html"],
        ),
        expect=dict.fromkeys(ACTORS, NOT_FOUND),
        note="only on SCORM_CONTENT_ORIGIN's host (unset here), with the lesson page's signed "
        "address; tests/training/test_scorm_origin.py plays it",
    ),
    "training:scorm_data": Entry(
        lambda w: reverse("training:scorm_data", args=[w.scorm_lesson.pk]),
        data=lambda w: {"item": w.scorm_lesson.scorm_package.launchable_items[0]["identifier"]},
        expect=_player_outcomes(),
        note="launch data; commits (POST) also need an active enrolment and a CSRF token",
    ),
    "certificates:download": private(
        lambda w: reverse("certificates:download", args=[w.certificate.code]), owner=OK
    ),
    # The holder's copy of the credential carries the hashed NIP: the holder's alone.
    "certificates:holder_badge_json": private(
        lambda w: reverse("certificates:holder_badge_json", args=[w.certificate.code]),
        owner=OK,
    ),
    "certificates:holder_badge_jwt": private(
        lambda w: reverse("certificates:holder_badge_jwt", args=[w.certificate.code]),
        owner=OK,
    ),
    "accounts:access_token_revoke": private(
        lambda w: reverse("accounts:access_token_revoke", args=[w.owner_token.pk]),
        method="post",
        owner=OK,
    ),
    # Batches are staff records in the API: a participant reads their own enrolment instead.
    "api:batch-detail": api(
        lambda w: reverse("api:batch-detail", args=[w.batch.pk]),
        trainer=OK,
        administrator=OK,
    ),
    "api:enrolment-detail": api(
        lambda w: reverse("api:enrolment-detail", args=[w.enrolment.pk]),
        owner=OK,
        trainer=OK,
        administrator=OK,
    ),
    "api:certificate-detail": api(
        lambda w: reverse("api:certificate-detail", args=[w.certificate.pk]),
        owner=OK,
        administrator=OK,
    ),
    "api:certificate-pdf": api(
        lambda w: reverse("api:certificate-pdf", args=[w.certificate.pk]),
        owner=OK,
        administrator=OK,
    ),
    # --- Administrators' actions -----------------------------------------------------
    "api:batch-participant-imports": api(
        lambda w: reverse("api:batch-participant-imports", args=[w.batch.pk]),
        method="post",
        data=participant_list_upload,
        trainer=FORBIDDEN,
        administrator=OK,
    ),
    "api:participant-import-list": api_signed_in(
        lambda w: reverse("api:participant-import-list"),
        note="lists only the imports of batches the caller manages",
    ),
    "api:participant-import-detail": api(
        lambda w: reverse("api:participant-import-detail", args=[w.participant_import.pk]),
        administrator=OK,
    ),
    "api:participant-import-run": api(
        lambda w: reverse("api:participant-import-run", args=[w.participant_import.pk]),
        method="post",
        administrator=OK,
    ),
    "api:certificate-revoke": api(
        lambda w: reverse("api:certificate-revoke", args=[w.certificate.pk]),
        method="post",
        data=lambda w: {"reason": "Data peserta keliru"},
        owner=FORBIDDEN,
        administrator=OK,
    ),
    "api:enrolment-certificate": api(
        lambda w: reverse("api:enrolment-certificate", args=[w.certificate.enrolment_id]),
        method="post",
        owner=FORBIDDEN,
        trainer=FORBIDDEN,
        administrator=OK,
    ),
    "api:certificate-job-list": api_signed_in(
        lambda w: reverse("api:certificate-job-list"),
        note="lists only the jobs of batches the caller manages",
    ),
    "api:certificate-job-detail": api(
        lambda w: reverse("api:certificate-job-detail", args=[w.certificate_job.pk]),
        administrator=OK,
    ),
    "api:batch-certificate-jobs": api(
        lambda w: reverse("api:batch-certificate-jobs", args=[w.batch.pk]),
        method="post",
        trainer=FORBIDDEN,
        administrator=OK,
    ),
    # --- Our admin screens (see "Our admin screens" above) -----------------------------
    "accounts_admin:locked_sign_ins": administrators_only(
        lambda w: reverse("accounts_admin:locked_sign_ins")
    ),
    "accounts_admin:unlock_sign_in": administrators_only(
        admin_url("accounts_admin:unlock_sign_in", "paused_sign_in"), method="post"
    ),
    # The admin's sign-in (the site's view, with its code step): open to everyone; the code
    # step without a password step in progress goes back to the sign-in.
    "admin_sign_in": Entry(
        lambda w: reverse("admin_sign_in"),
        expect={
            **dict.fromkeys((ANONYMOUS, OTHER_PARTICIPANT, OWNER), OK),
            # Staff already signed in go straight to the dashboard (the same redirect).
            **dict.fromkeys((OTHER_TRAINER, TRAINER, ADMINISTRATOR), DENIED),
        },
        note="signed-in staff are sent on to the admin dashboard",
        admin=True,
    ),
    "admin_sign_in_code": Entry(
        lambda w: reverse("admin_sign_in_code"),
        expect=dict.fromkeys(ACTORS, ADMIN_SIGN_IN),
        admin=True,
    ),
    # Wagtail's site history (with inert exports), open to staff as Wagtail's own is; what
    # each sees of it is Wagtail's to decide.
    "site_history": staff_screen(lambda w: reverse("site_history")),
    "site_history_results": staff_screen(lambda w: reverse("site_history_results")),
    # Each staff user's own two-factor set-up; who uses it and the reset are administrators'.
    **screens(
        "accounts_admin",
        staff_screen,
        None,
        "two_factor",
        "two_factor_setup",
        "two_factor_disable",
    ),
    "accounts_admin:two_factor_recovery_codes": staff_screen(
        lambda w: reverse("accounts_admin:two_factor_recovery_codes"),
        method="post",
        note="without two-factor sign-in on, back to its page",
    ),
    "accounts_admin:two_factor_users": administrators_only(
        lambda w: reverse("accounts_admin:two_factor_users")
    ),
    "accounts_admin:two_factor_reset": administrators_only(
        admin_url("accounts_admin:two_factor_reset", "owner"), method="post"
    ),
    "training_admin:batch_progress": course_screen(
        admin_url("training_admin:batch_progress", "batch")
    ),
    "training_admin:batch_progress_export": course_screen(
        admin_url("training_admin:batch_progress_export", "batch")
    ),
    "training_admin:enrolment_decision": administrators_only(
        admin_url("training_admin:enrolment_decision", "batch", "enrolment"),
        method="post",
        data=lambda w: {"decision": "approve"},
        note="approving and rejecting enrolments is the organisers' work",
    ),
    "training_admin:import_upload": administrators_only(
        admin_url("training_admin:import_upload", "batch")
    ),
    "training_admin:import_preview": administrators_only(
        admin_url("training_admin:import_preview", "batch", "participant_import")
    ),
    "training_admin:import_progress": administrators_only(
        admin_url("training_admin:import_progress", "batch", "participant_import")
    ),
    "training_admin:enrolment_status": administrators_only(
        admin_url("training_admin:enrolment_status", "batch", "enrolment"),
        note="the status decides JP and certificates: the organisers' work, with a reason",
    ),
    "training_admin:import_template": administrators_only(
        lambda w: reverse("training_admin:import_template")
    ),
    "training_admin:session_attendance": course_screen(
        admin_url("training_admin:session_attendance", "session")
    ),
    # Reports, each asked for its .csv export; the results fragments as the page shows them.
    **screens(
        "training_reports",
        staff_screen,
        None,
        "enrolments",
        "assessments",
        "batch_assessments",
        "evaluations",
        "xapi_statements",
        query="?export=csv",
    ),
    **screens(
        "certificates_reports",
        staff_screen,
        None,
        "jp_participants",
        "jp_agencies",
        query="?export=csv",
    ),
    **screens(
        "training_reports",
        staff_screen,
        None,
        "enrolments_results",
        "assessments_results",
        "batch_assessments_results",
        "evaluations_results",
        "xapi_statements_results",
    ),
    **screens(
        "certificates_reports", staff_screen, None, "jp_participants_results", "jp_agencies_results"
    ),
    "complaints:edit": administrators_only(
        admin_url("complaints:edit", "complaint"),
        note="complaints carry the reporter's personal data",
    ),
    "training_batches:index": staff_screen(lambda w: reverse("training_batches:index")),
    "training_batches:index_results": staff_screen(
        lambda w: reverse("training_batches:index_results")
    ),
    "training_enrolments:index": staff_screen(lambda w: reverse("training_enrolments:index")),
    "training_enrolments:index_results": staff_screen(
        lambda w: reverse("training_enrolments:index_results")
    ),
    "training_enrolments:add": administrators_only(lambda w: reverse("training_enrolments:add")),
    "training_sessions:index": staff_screen(lambda w: reverse("training_sessions:index")),
    "training_sessions:index_results": staff_screen(
        lambda w: reverse("training_sessions:index_results")
    ),
    "training_sessions:add": staff_screen(lambda w: reverse("training_sessions:add")),
    "training_sessions:edit": course_screen(admin_url("training_sessions:edit", "session")),
    "quiz:index": staff_screen(lambda w: reverse("quiz:index")),
    "quiz:index_results": staff_screen(lambda w: reverse("quiz:index_results")),
    "quiz:edit": course_screen(admin_url("quiz:edit", "quiz")),
    "quiz:delete": course_screen(admin_url("quiz:delete", "quiz")),
    "quiz:translate": course_screen(admin_url("quiz:translate", "quiz")),
    "evaluation_form:index": staff_screen(lambda w: reverse("evaluation_form:index")),
    "evaluation_form:index_results": staff_screen(
        lambda w: reverse("evaluation_form:index_results")
    ),
    "evaluation_form:edit": course_screen(admin_url("evaluation_form:edit", "evaluation_form")),
    "evaluation_form:translate": course_screen(
        admin_url("evaluation_form:translate", "evaluation_form")
    ),
    "evaluation_form:delete": administrators_only(
        admin_url("evaluation_form:delete", "evaluation_form"),
        note="trainers edit their course's questionnaire but never delete it",
    ),
    "assessment_admin:essays": staff_screen(lambda w: reverse("assessment_admin:essays")),
    "assessment_admin:essay_grade": course_screen(
        admin_url("assessment_admin:essay_grade", "essay_answer")
    ),
    "assessment_admin:batch_reports": staff_screen(
        lambda w: reverse("assessment_admin:batch_reports")
    ),
    "assessment_admin:batch_report": course_screen(
        admin_url("assessment_admin:batch_report", "batch", query="?export=xlsx")
    ),
    "assessment_admin:evaluation_results": staff_screen(
        lambda w: reverse("assessment_admin:evaluation_results")
    ),
    "assessment_admin:question_import": staff_screen(
        lambda w: reverse("assessment_admin:question_import")
    ),
    "certificates_register:index": administrators_only(
        lambda w: reverse("certificates_register:index")
    ),
    "certificates_register:index_results": administrators_only(
        lambda w: reverse("certificates_register:index_results")
    ),
    "certificates_register:inspect": administrators_only(
        admin_url("certificates_register:inspect", "certificate")
    ),
    "certificates_register:edit": administrators_only(
        admin_url("certificates_register:edit", "certificate")
    ),
    "certificates_register:revoke": administrators_only(
        admin_url("certificates_register:revoke", "certificate")
    ),
    "certificates_register:reissue": administrators_only(
        admin_url("certificates_register:reissue", "certificate")
    ),
    "certificates_register:approve": administrators_only(
        admin_url("certificates_register:approve", "certificate"), method="post"
    ),
    "certificates_register:render": administrators_only(
        admin_url("certificates_register:render", "certificate"), method="post"
    ),
    "certificates_register:download": administrators_only(
        admin_url("certificates_register:download", "certificate")
    ),
    "certificates_register:batch_zip": administrators_only(
        lambda w: reverse(
            "certificates_register:batch_zip", args=[w.certificate.enrolment.batch_id]
        )
    ),
    "certificates_batch_jobs:index": administrators_only(
        lambda w: reverse("certificates_batch_jobs:index")
    ),
    "certificates_batch_jobs:index_results": administrators_only(
        lambda w: reverse("certificates_batch_jobs:index_results")
    ),
    "certificates_batch_jobs:add": administrators_only(
        lambda w: reverse("certificates_batch_jobs:add")
    ),
    "certificates_batch_jobs:inspect": administrators_only(
        admin_url("certificates_batch_jobs:inspect", "certificate_job")
    ),
    "certificates_batch_jobs:edit": administrators_only(
        admin_url("certificates_batch_jobs:edit", "certificate_job")
    ),
    "certificates_batch_jobs:retry": administrators_only(
        admin_url("certificates_batch_jobs:retry", "certificate_job"), method="post"
    ),
    # Wagtail's generic screens of our viewsets, by viewset.
    **screens("agencies", administrators_only, None, *LISTS, "add"),
    **screens("agencies", administrators_only, "agency", "edit", "delete", *HISTORY, "usage"),
    **screens("complaints", administrators_only, None, *LISTS),
    **screens("complaints", administrators_only, "complaint", "inspect", *HISTORY, "usage"),
    # Complaints come from the public form and are records: nobody adds or deletes them.
    **screens("complaints", nobody, None, "add"),
    **screens("complaints", nobody, "complaint", "delete"),
    **screens("survey_responses", administrators_only, None, *LISTS),
    **screens("survey_responses", administrators_only, "survey_response", "inspect"),
    **screens("survey_responses", nobody, None, "add"),
    **screens("survey_responses", nobody, "survey_response", "edit", "delete", *HISTORY, "usage"),
    **screens("training_batches", administrators_only, None, "add"),
    **screens(
        "training_batches", administrators_only, "batch", "edit", "translate", *HISTORY, "usage"
    ),
    **screens("training_batches", course_screen, "batch", "inspect"),
    **screens("training_batches", nobody, "batch", "delete"),
    **screens("training_enrolments", administrators_only, "enrolment", *HISTORY),
    **screens("training_enrolments", course_screen, "enrolment", "inspect"),
    # Status changes go through the enrolment services, never a form.
    **screens("training_enrolments", nobody, "enrolment", "edit", "delete", "usage"),
    **screens("training_sessions", administrators_only, "session", "delete"),
    **screens("training_sessions", course_screen, "session", *HISTORY, "usage", "copy"),
    **screens("quiz", staff_screen, None, "add"),
    **screens("quiz", course_screen, "quiz", *HISTORY, "usage"),
    **screens("evaluation_form", staff_screen, None, "add"),
    **screens("evaluation_form", course_screen, "evaluation_form", *HISTORY, "usage"),
    **screens("certificates_register", administrators_only, "certificate", *HISTORY, "usage"),
    **screens("certificates_batch_jobs", administrators_only, "certificate_job", *HISTORY),
    **screens("certificates_batch_jobs", administrators_only, "certificate_job", "usage"),
    **screens("certificates_course_settings", administrators_only, None, *LISTS, "add"),
    **screens(
        "certificates_course_settings",
        administrators_only,
        "certificate_settings",
        "edit",
        "delete",
        *HISTORY,
        "usage",
    ),
    # SCORM packages belong to courses like their other records: a trainer's listing holds
    # those they uploaded and those their courses' lessons play; another's is a 404.
    **screens("wagtailsnippets_training_scormpackage", staff_screen, None, *SNIPPET_LISTS, "add"),
    **screens(
        "wagtailsnippets_training_scormpackage",
        course_screen,
        "scorm_package",
        "edit",
        *HISTORY,
        "usage",
        "copy",
    ),
    **screens(
        "wagtailsnippets_training_scormpackage", administrators_only, "scorm_package", "delete"
    ),
    # The lesson's package chooser, scoped the same way (test_scorm_admin checks its rows).
    **screens(
        "wagtailsnippetchoosers_training_scormpackage",
        staff_screen,
        None,
        "choose",
        "choose_results",
        "chosen_multiple",
        "create",
    ),
    **screens(
        "wagtailsnippetchoosers_training_scormpackage", course_screen, "scorm_package", "chosen"
    ),
    **screens(
        "wagtailsnippets_certificates_certificatetemplate",
        administrators_only,
        None,
        *SNIPPET_LISTS,
        "add",
        "preview_on_add",
    ),
    **screens(
        "wagtailsnippets_certificates_certificatetemplate",
        administrators_only,
        "certificate_template",
        "edit",
        "delete",
        *HISTORY,
        "usage",
        "copy",
        "preview_on_edit",
    ),
    **screens(
        "wagtailsnippets_certificates_signatory", administrators_only, None, *SNIPPET_LISTS, "add"
    ),
    **screens(
        "wagtailsnippets_certificates_signatory",
        administrators_only,
        "signatory",
        "edit",
        "delete",
        *HISTORY,
        "usage",
    ),
    # The users' screens are Wagtail's, with the ASN profile of our UserViewSet.
    **screens("wagtailusers_users", administrators_only, None, *LISTS, "add"),
    **screens(
        "wagtailusers_users", administrators_only, "owner", "edit", *HISTORY, "usage", "copy"
    ),
    **screens("wagtailusers_users", nobody, "owner", "delete"),
    # Wagtail's groups, with the roles' translated names (accounts.viewsets.GroupViewSet):
    # superusers only, no role holds the group permissions.
    **{
        f"wagtailusers_groups:{name}": nobody(
            lambda w, name=name: reverse(f"wagtailusers_groups:{name}")
        )
        for name in (*LISTS, "add")
    },
    **{
        f"wagtailusers_groups:{name}": nobody(
            lambda w, name=name: reverse(f"wagtailusers_groups:{name}", args=[_trainers_group().pk])
        )
        for name in ("edit", "delete", *HISTORY, "usage")
    },
}


def _trainers_group():

    return Group.objects.get(name=TRAINERS)
