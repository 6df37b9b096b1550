"""
Who may see and do what in the training app, one small function per rule.

Administrators (the BKPSDM organisers) run every batch and see everything. Trainers follow
the batches, quizzes, essay answers, reports and evaluation results of the courses they are
assigned to. Participants see only their own enrolments, progress, attempts and evaluation.
Views answer a refused object with 404, never 403, so that nobody learns what exists.

Page editing itself is enforced by Wagtail's page permissions: each course has a
``CourseEditorGroup`` whose members are the course's trainers, with "add" and "change" (never
"publish") on every translation of the course. ``sync_course_editors`` keeps that group in step
with the trainer lists; administrators hold add/change/publish on the whole tree through the
Administrators group (``accounts.roles``). The Trainers group holds "add" on each course
catalogue, so a trainer may start a course (and becomes its trainer); ``CoursePermissionTester``
keeps that "add" from reaching into other trainers' courses.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale, PagePermissionTester

from accounts.roles import is_administrator, is_trainer

from .models import Batch, CourseEditorGroup, CoursePage, CourseTrainer, Enrolment
from .models.batches import SCHEDULE_STATUSES


def trained_course_keys(user):
    """Translation keys of the courses a user is assigned to as a trainer (a subquery)."""
    return CourseTrainer.objects.filter(trainer=user).values("course__translation_key")


def batches_visible_to(user):
    """The batches a user may follow: all for administrators, their courses' for trainers."""
    if is_administrator(user):
        return Batch.objects.all()
    if not user.is_authenticated:
        return Batch.objects.none()
    return Batch.objects.filter(course__translation_key__in=trained_course_keys(user))


def courses_for_batches(user):
    """
    The courses a user may run batches of, each once: its page in the default language
    (its translations share the translation key a batch is found by).
    """
    courses = CoursePage.objects.filter(locale=Locale.get_default()).order_by("title")
    if is_administrator(user):
        return courses
    if not user.is_authenticated:
        return courses.none()
    return courses.filter(translation_key__in=trained_course_keys(user))


def enrolments_visible_to(user):
    """The enrolments whose progress a user may view: ``can_view_progress`` as a queryset."""
    if is_administrator(user):
        return Enrolment.objects.all()
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(
        Q(participant=user) | Q(batch__course__translation_key__in=trained_course_keys(user))
    )


def can_follow_batches(user) -> bool:
    """Open the batch screens of the admin at all: trainers (their courses') and administrators."""
    return is_administrator(user) or is_trainer(user)


def can_follow_batch(user, batch) -> bool:
    """See a batch's participants, progress and attendance."""
    return batches_visible_to(user).filter(pk=batch.pk).exists()


def can_download_batch_calendar(user, batch) -> bool:
    """The batch's sessions as a calendar file: its active or completed participants, and
    whoever follows the batch."""
    if not user.is_authenticated:
        return False
    return batch.enrolments.filter(
        participant=user, status__in=SCHEDULE_STATUSES
    ).exists() or can_follow_batch(user, batch)


def can_manage_batch(user, batch=None) -> bool:
    """Create and change batches, enrol, approve and import participants."""
    return is_administrator(user)


def can_change_enrolment_status(user, enrolment=None) -> bool:
    """
    Complete an enrolment by hand or set it active or withdrawn, with a reason: administrators
    only. A trainer follows progress; the status decides JP and certificates.
    """
    return is_administrator(user)


def can_view_progress(user, enrolment) -> bool:
    """A participant's own progress; the trainers of the course and administrators too."""
    if not user.is_authenticated:
        return False
    if enrolment.participant_id == user.pk:
        return True
    return can_follow_batch(user, enrolment.batch)


def can_withdraw(user, enrolment) -> bool:
    return user.is_authenticated and enrolment.participant_id == user.pk


def can_enrol_in_batch(user, batch) -> bool:
    """Signed-in people enrol in batches of published courses only; a draft's batches hide."""
    return user.is_authenticated and batch.course.live


# --- Course pages --------------------------------------------------------------------

TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page")
"""What a course's trainers may do on its pages: write and submit, not publish or delete."""


def can_edit_course(user, course: CoursePage) -> bool:
    """A course's own trainers and administrators may edit it (and its modules and lessons)."""
    return course.permissions_for_user(user).can_edit()


def can_publish_course(user, course: CoursePage) -> bool:
    """Only administrators publish; trainers submit their changes for moderation."""
    return course.permissions_for_user(user).can_publish()


class CoursePermissionTester(PagePermissionTester):
    """
    Wagtail's page permissions, except that "add" inherited from the catalogue (where every
    trainer may start a course) does not reach into a course: adding modules or lessons, and
    editing pages one owns there, need the course's own editor permissions ("change").
    """

    def __init__(self, user, page):
        super().__init__(user, page)
        if hasattr(self, "permissions") and "change" not in self.permissions:
            self.permissions.discard("add")


def can_start_course(user, catalogue) -> bool:
    """Trainers and administrators may add a course to a catalogue (it then goes to review)."""
    return catalogue.permissions_for_user(user).can_add_subpage()


CATALOGUE_TRAINER_PERMISSIONS = ("add_page",)
"""What the Trainers group holds on each course catalogue: start a course, never publish it."""


@transaction.atomic
def allow_trainers_to_start_courses(*, catalogue) -> None:
    """Let every trainer add a course to this catalogue (as a draft for review); idempotent."""
    from accounts.roles import TRAINERS

    trainers, _created = Group.objects.get_or_create(name=TRAINERS)
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=CATALOGUE_TRAINER_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(
            group=trainers, page=catalogue, permission=permission
        )


@transaction.atomic
def add_creator_as_trainer(*, course: CoursePage, user) -> bool:
    """
    Make the trainer who started a course one of its trainers, so that the per-course rules
    (editing, batches, reports) apply to them; idempotent. Administrators are left out: they
    see every course anyway. The draft revision is brought in step, so that publishing it
    keeps the row. Returns whether a row was added.
    """
    if not is_trainer(user) or is_administrator(user):
        return False
    if course.course_trainers.filter(trainer=user).exists():
        return False
    CourseTrainer.objects.create(
        course=course, trainer=user, sort_order=course.course_trainers.count()
    )
    revision = course.latest_revision
    if revision is not None:
        course = CoursePage.objects.get(pk=course.pk)
        revision.content = {
            **revision.content,
            "course_trainers": course.serializable_data()["course_trainers"],
        }
        revision.save(update_fields=["content"])
    return True


def _group_name(course: CoursePage) -> str:
    from accounts.roles import COURSE_TRAINERS_PREFIX

    return f"{COURSE_TRAINERS_PREFIX}{course.code} ({str(course.translation_key)[:8]})"[:150]


@transaction.atomic
def sync_course_editors(*, translation_key) -> Group | None:
    """
    Make the editor group of a course match its trainers, in every language; idempotent.

    Members are the trainers listed on any translation of the course; permissions cover every
    translation that exists. Returns the group, or None when the course has no page left.
    """
    pages = list(CoursePage.objects.filter(translation_key=translation_key).order_by("pk"))
    editor_group = (
        CourseEditorGroup.objects.select_related("group")
        .filter(translation_key=translation_key)
        .first()
    )
    if not pages:
        if editor_group is not None:
            editor_group.group.delete()
        return None
    if editor_group is None:
        group, _created = Group.objects.get_or_create(name=_group_name(pages[0]))
        editor_group = CourseEditorGroup(translation_key=translation_key, group=group)
        editor_group.full_clean()
        editor_group.save()
    group = editor_group.group
    if group.name != _group_name(pages[0]):
        group.name = _group_name(pages[0])
        group.save(update_fields=["name"])

    trainer_ids = set(
        CourseTrainer.objects.filter(course__translation_key=translation_key).values_list(
            "trainer_id", flat=True
        )
    )
    group.user_set.set(trainer_ids)

    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=TRAINER_PAGE_PERMISSIONS
    )
    wanted = {(page.pk, permission.pk) for page in pages for permission in permissions}
    existing = set(group.page_permissions.values_list("page_id", "permission_id"))
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page_id=page_id, permission_id=permission_id)
            for page_id, permission_id in wanted - existing
        ]
    )
    stale = existing - wanted
    for page_id, permission_id in stale:
        group.page_permissions.filter(page_id=page_id, permission_id=permission_id).delete()
    return group


# --- SCORM packages ------------------------------------------------------------------


def scorm_packages_visible_to(user):
    """
    The SCORM packages a user may list, open, rename, choose for a lesson (and delete, with
    that permission): all for administrators; for a trainer those they uploaded (first, or
    again as the same ZIP) and those played by lessons of the courses they teach (in any
    language), like the courses' other records. Another trainer's package is none of theirs.
    """
    from .models import LessonPage, ScormPackage

    if is_administrator(user):
        return ScormPackage.objects.all()
    if not user.is_authenticated:
        return ScormPackage.objects.none()
    course_paths = CoursePage.objects.filter(
        translation_key__in=trained_course_keys(user)
    ).values_list("path", flat=True)
    below_courses = Q(pk__in=[])
    for path in course_paths:
        below_courses |= Q(path__startswith=path)
    played = LessonPage.objects.filter(below_courses, scorm_package__isnull=False)
    return ScormPackage.objects.filter(
        Q(uploaded_by=user)
        | Q(
            pk__in=ScormPackage.also_uploaded_by.through.objects.filter(user=user).values(
                "scormpackage_id"
            )
        )
        | Q(pk__in=played.values("scorm_package_id"))
    )


def can_play_scorm(user, lesson, *, course_and_enrolment=None) -> bool:
    """
    Open a lesson's SCORM content: participants with an active or completed enrolment in
    its course, once the course's order has opened the lesson; its trainers and
    administrators, to preview it (nothing is recorded).
    A page that looked up the lesson's course and the user's enrolment in it already passes
    them as ``course_and_enrolment``.
    """
    from .models import EnrolmentStatus
    from .selectors import course_of_page, current_enrolment

    if not user.is_authenticated or not user.is_active:
        return False
    if course_and_enrolment is None:
        course = course_of_page(lesson)
        enrolment = current_enrolment(user, course) if course else None
    else:
        course, enrolment = course_and_enrolment
    if course is None:
        return False
    if enrolment is not None and enrolment.status in (
        EnrolmentStatus.ACTIVE,
        EnrolmentStatus.COMPLETED,
    ):
        # A lesson the course's order still locks plays nothing (``training.course_flow``).
        from .course_flow import enrolment_flow, lessons_may_lock

        if lessons_may_lock(enrolment.batch.course) and enrolment_flow(enrolment).lesson_lock(
            lesson
        ):
            return can_edit_course(user, course)
        return True
    return can_edit_course(user, course)


# --- Assessments ---------------------------------------------------------------------


def trained_course_ids(user) -> set[int]:
    """The ids of the courses a user is a trainer of."""
    if not user.is_authenticated:
        return set()
    return set(user.trained_courses.values_list("course_id", flat=True))


def can_manage_assessments(user) -> bool:
    """Whether the user may open the assessment screens of the admin at all."""
    return is_administrator(user) or is_trainer(user)


def can_manage_course_assessments(user, course_id) -> bool:
    """Quizzes, essay grading, reports and evaluation results of one course."""
    return is_administrator(user) or course_id in trained_course_ids(user)


def can_view_quiz(user, quiz) -> bool:
    """
    A quiz's introduction is course information: any signed-in person may read it once the
    course is published; before that only the course's trainers and administrators.
    """
    if not user.is_authenticated:
        return False
    return quiz.course.live or can_manage_course_assessments(user, quiz.course_id)


def can_view_attempt(user, attempt) -> bool:
    """A participant sees their own attempts only."""
    return user.is_authenticated and attempt.enrolment.participant_id == user.pk


def can_see_correct_answers(attempt, *, now=None) -> bool:
    """Whether the review may show correct answers and explanations, per the quiz's setting."""
    from training.models import AttemptStatus, FeedbackTiming

    if attempt.status == AttemptStatus.IN_PROGRESS:
        return False
    timing = attempt.quiz.feedback_timing
    if timing == FeedbackTiming.AFTER_SUBMISSION:
        return True
    if timing == FeedbackTiming.AFTER_BATCH_ENDS:
        today = timezone.localdate(now or timezone.now())
        return attempt.enrolment.batch.ends_on < today
    return False


def can_grade_answer(user, answer) -> bool:
    return can_manage_course_assessments(user, answer.attempt.quiz.course_id)


def can_view_batch_report(user, batch) -> bool:
    return can_manage_course_assessments(user, batch.course_id)


def can_view_reports(user) -> bool:
    """
    The admin reports and dashboard figures: administrators for every course, trainers for
    their own courses (the reports narrow themselves with ``batches_visible_to``).
    """
    return is_administrator(user) or is_trainer(user)


def can_see_individual_evaluations(user) -> bool:
    """Only administrators may ever see who filled in an evaluation; trainers see aggregates."""
    return is_administrator(user)
