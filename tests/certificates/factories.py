"""Factories for the certificate tests: course pages, batches, enrolments and templates."""

import datetime
import itertools

import factory
from django.utils import timezone
from wagtail.models import Locale, Page

from certificates.models import (
    CertificateTemplate,
    CourseCertificateSettings,
    IssueMode,
    Signatory,
    TemplateSignatory,
)
from cms.models import HomePage
from tests.factories import ParticipantFactory
from training.models import Batch, CourseIndexPage, CoursePage, Enrolment, EnrolmentStatus

_slugs = itertools.count(1)


def make_course(*, title="Standar Pelayanan Publik", code="PP-01", jp="12.0", slug=None, **fields):
    """A published course page under a catalogue under a home page, as on the real site."""
    root = Page.get_first_root_node()
    if root is None:
        # A transactional test flushed the tree that Wagtail's migrations create.
        Locale.objects.get_or_create(language_code="id")
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Beranda", slug="beranda"))
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue = home.add_child(instance=CourseIndexPage(title="Pelatihan", slug="pelatihan"))
    return catalogue.add_child(
        instance=CoursePage(
            title=title,
            slug=slug or f"course-{next(_slugs)}",
            code=code,
            summary="Ringkasan",
            jp=jp,
            **fields,
        )
    )


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    name = "Dr. Hj. Rahmawati Ibrahim, S.E., M.Si."
    nip = "197205141998032004"
    position = "Kepala BKPSDM Kabupaten Gorontalo"
    rank = "Pembina Utama Muda (IV/c)"


class CertificateTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificateTemplate
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Template {n}")
    institution_name = "PEMERINTAH KABUPATEN GORONTALO\nBKPSDM"
    body_id = "telah mengikuti {course} ({batch}) pada {dates} di {place} selama {jp} JP."
    body_en = "has completed {course} ({batch}) on {dates} in {place}, {jp} JP."
    issue_place = "Limboto"

    @factory.post_generation
    def signatories(self, create, extracted, **kwargs):
        if create:
            for order, signatory in enumerate(extracted or [SignatoryFactory()]):
                TemplateSignatory.objects.create(
                    template=self, signatory=signatory, sort_order=order
                )


class BatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch

    course = factory.LazyFunction(make_course)
    name = factory.Sequence(lambda n: f"Angkatan {n} 2026")
    starts_on = datetime.date(2026, 3, 2)
    ends_on = datetime.date(2026, 3, 6)
    location = "Limboto"


class CompletedEnrolmentFactory(factory.django.DjangoModelFactory):
    """Stand-in for the training services: a completed enrolment row."""

    class Meta:
        model = Enrolment

    batch = factory.SubFactory(BatchFactory)
    participant = factory.SubFactory(ParticipantFactory)
    status = EnrolmentStatus.COMPLETED
    completed_at = factory.LazyFunction(timezone.now)


class CourseCertificateSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseCertificateSettings

    course = factory.LazyFunction(make_course)
    template = factory.SubFactory(CertificateTemplateFactory)
    issue_mode = IssueMode.AUTOMATIC
