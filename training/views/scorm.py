"""
SCORM views: the package's files for the player's iframe, and the run-time data endpoint the
SCORM runtime reads at launch and commits to.

The content is served from the private storage, through the site's own origin, only to those
who may play the lesson (``can_play_scorm``), only files listed in the package, with their
content types and never a listing; anything else is a 404. It is the one place the site may
be framed (same origin).
"""

import json
import mimetypes

from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt

from cms.private_media import private_file_response

from ..models import EnrolmentStatus, LessonPage, ScormProgress
from ..permissions import can_play_scorm
from ..scorm.cmi import launch_data
from ..scorm.errors import CmiError
from ..scorm.package import safe_member_path
from ..selectors import course_and_enrolment_for_request, course_progress
from ..services import EnrolmentError, commit_scorm_data, record_scorm_visit
from ..services.scorm import package_done

MAX_COMMIT_BYTES = 512 * 1024
# Files a browser would run as a page when opened directly; served as themselves, but only
# to those allowed, and never cached by shared proxies.
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("font/woff2", ".woff2")


def _lesson_with_package(lesson_id) -> LessonPage:
    lesson = get_object_or_404(
        LessonPage.objects.live().select_related("scorm_package"), pk=lesson_id
    )
    if lesson.scorm_package is None:
        raise Http404
    return lesson


@method_decorator(xframe_options_sameorigin, name="dispatch")
class ScormContentView(View):
    """One file of a lesson's package, for the player's iframe."""

    def get(self, request, lesson_id, path):
        lesson = _lesson_with_package(lesson_id)
        if not can_play_scorm(request.user, lesson):
            raise Http404
        package = lesson.scorm_package
        normalised = safe_member_path(path)
        if normalised is None or normalised not in package.files:
            raise Http404
        content_type, _encoding = mimetypes.guess_type(normalised)
        # From the site itself, even on S3: the content calls the player in its parent frame.
        response = private_file_response(
            package.storage_name(normalised),
            content_type=content_type or "application/octet-stream",
            as_attachment=False,
            same_origin=True,
        )
        response["Cache-Control"] = "private, max-age=3600"
        return response


def _json_error(code: int, message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"result": "false", "errorCode": code, "errorMessage": message}, status=status
    )


@method_decorator(never_cache, name="dispatch")
@method_decorator(csrf_exempt, name="dispatch")
class ScormDataView(View):
    """
    GET ``?item=<identifier>``: the CMI data a SCO is launched with. POST: a commit
    (``{"item", "session", "sequence", "cmi", "finished"}``; ``finished`` is true on the
    SCO's last commit, from LMSFinish/Terminate). POST ``{"item", "session", "visit"}``
    instead: ``"opened"`` when the player opened an item, ``"left"`` when it left one whose
    launch never called the API (``record_scorm_visit``).

    The player sends the CSRF token in its header, its final commit included (a keep-alive
    ``fetch``); a client that cannot set headers (``navigator.sendBeacon``) may put it in the
    JSON body instead. Either way Django's own CSRF check runs here, with the token moved
    into the header it reads.
    """

    def _enrolment(self, request, lesson):
        if not can_play_scorm(request.user, lesson):
            raise Http404
        _course, enrolment = course_and_enrolment_for_request(request, lesson)
        return enrolment

    def get(self, request, lesson_id):
        lesson = _lesson_with_package(lesson_id)
        enrolment = self._enrolment(request, lesson)
        package = lesson.scorm_package
        item = package.item(request.GET.get("item", ""))
        if item is None:
            raise Http404
        progress = None
        if enrolment is not None:
            progress = ScormProgress.objects.filter(
                enrolment=enrolment, package=package, item_identifier=item["identifier"]
            ).first()
        user = request.user
        return JsonResponse(
            {
                "item": item["identifier"],
                "cmi": launch_data(
                    progress,
                    scorm_2004=package.is_scorm_2004,
                    learner_id=str(user.pk),
                    learner_name=user.get_full_name() or user.get_username(),
                ),
            }
        )

    def post(self, request, lesson_id):
        if len(request.body) > MAX_COMMIT_BYTES:
            return _json_error(391, "Commit too large", 413)
        try:
            payload = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            payload = None
        if not isinstance(payload, dict):
            return _json_error(391, "Not a JSON object", 400)
        token = payload.get("csrfToken")
        if token and not request.META.get("HTTP_X_CSRFTOKEN"):
            request.META["HTTP_X_CSRFTOKEN"] = str(token)
        refused = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
        if refused is not None:
            return refused
        lesson = _lesson_with_package(lesson_id)
        enrolment = self._enrolment(request, lesson)
        if enrolment is None or enrolment.status != EnrolmentStatus.ACTIVE:
            return _json_error(391, "No active enrolment: nothing is recorded", 403)
        sequence = payload.get("sequence")
        try:
            if payload.get("visit") in ("opened", "left"):
                record = record_scorm_visit(
                    enrolment=enrolment,
                    lesson=lesson,
                    item_identifier=str(payload.get("item", "")),
                    session_key=str(payload.get("session", "")),
                    left=payload["visit"] == "left",
                )
            else:
                record = commit_scorm_data(
                    enrolment=enrolment,
                    lesson=lesson,
                    item_identifier=str(payload.get("item", "")),
                    cmi=payload.get("cmi") if isinstance(payload.get("cmi"), dict) else {},
                    session_key=str(payload.get("session", "")),
                    sequence=sequence if isinstance(sequence, int) and sequence >= 0 else None,
                    finished=payload.get("finished") is True,
                )
        except CmiError as error:
            # The runtime reports the element's own SCORM error code to the SCO.
            return _json_error(error.code, str(error), 400)
        except EnrolmentError as error:
            return _json_error(391, " ".join(error.messages), 400)
        enrolment.refresh_from_db(fields=["status"])
        progress = course_progress(enrolment)
        state = progress.state_of(lesson)
        return JsonResponse(
            {
                "result": "true",
                "errorCode": 0,
                "status": record.status if record else "",
                "score": record.score_percent if record else None,
                "packageDone": package_done(enrolment=enrolment, package=lesson.scorm_package),
                "lessonDone": bool(state and state.done),
                "percent": progress.percent,
            }
        )
