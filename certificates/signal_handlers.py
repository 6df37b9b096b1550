"""Receivers of other apps' signals: a completed enrolment earns its certificate."""

from django.dispatch import receiver

from training.signals import enrolment_completed

from .services import request_certificate


@receiver(enrolment_completed, dispatch_uid="certificates.issue_on_completion")
def issue_certificate_on_completion(sender, enrolment, **kwargs):
    """Issue now or queue for approval, as the course's certificate settings say."""
    request_certificate(enrolment=enrolment)
