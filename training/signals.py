"""
Signals other apps listen to, so that `training` never imports them.

``enrolment_completed`` is sent once, after the transaction that completed an enrolment has
committed, with ``enrolment`` (a ``training.Enrolment``). The certificates app issues or
queues a certificate on it.
"""

from django.dispatch import Signal

enrolment_completed = Signal()
