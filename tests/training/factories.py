"""Factories for the training tests: a published course tree, batches and enrolments."""

import datetime
import itertools

import factory
from django.utils import timezone
from wagtail.models import Site

from tests.factories import ParticipantFactory
from training.models import (
    Batch,
    BatchSession,
    BatchStatus,
    CourseIndexPage,
    CoursePage,
    DeliveryMode,
    Enrolment,
    EnrolmentPolicy,
    EnrolmentStatus,
    LessonPage,
    ModulePage,
)

_numbers = itertools.count(1)


def course_index():
    """The catalogue page under the default site's root, created once per test."""
    root = Site.objects.get(is_default_site=True).root_page
    index = CourseIndexPage.objects.child_of(root).first()
    if index is None:
        index = CourseIndexPage(title="Pelatihan", slug="pelatihan")
        root.add_child(instance=index)
    return index


def make_course(*, modules=2, lessons=3, optional=(), **fields) -> CoursePage:
    """
    A live course with ``modules`` modules of ``lessons`` lessons each. ``optional`` lists
    the (module, lesson) positions, counted from 0, of lessons that are not required.
    """
    number = next(_numbers)
    defaults = {
        "title": f"Standar Pelayanan {number}",
        "slug": f"kursus-{number}",
        "code": f"PP-{number:02d}",
        "summary": "Ringkasan kursus.",
        "jp": 10,
    }
    course = CoursePage(**{**defaults, **fields})
    course_index().add_child(instance=course)
    for m in range(modules):
        module = ModulePage(title=f"Modul {m + 1}", slug=f"modul-{m + 1}")
        course.add_child(instance=module)
        for n in range(lessons):
            module.add_child(
                instance=LessonPage(
                    title=f"Pelajaran {m + 1}.{n + 1}",
                    slug=f"pelajaran-{m + 1}-{n + 1}",
                    body=[("paragraph", "<p>Isi pelajaran.</p>")],
                    is_required=(m, n) not in optional,
                )
            )
    return course


def lessons_of(course) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch

    course = factory.LazyFunction(make_course)
    name = factory.Sequence(lambda n: f"Angkatan {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate())
    ends_on = factory.LazyAttribute(lambda batch: batch.starts_on + datetime.timedelta(days=30))
    capacity = None
    mode = DeliveryMode.ONLINE
    enrolment_policy = EnrolmentPolicy.OPEN
    status = BatchStatus.OPEN


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    batch = factory.SubFactory(BatchFactory)
    participant = factory.SubFactory(ParticipantFactory)
    status = EnrolmentStatus.ACTIVE


class BatchSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BatchSession

    batch = factory.SubFactory(BatchFactory, mode=DeliveryMode.CLASSROOM)
    title = factory.Sequence(lambda n: f"Sesi {n}")
    starts_at = factory.LazyFunction(timezone.now)
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(hours=2))
