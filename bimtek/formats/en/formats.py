"""
English formats: Django's for display, with the same day-first input as Indonesian, so that
a date typed in the admin means the same day whichever language the reader chose.
"""

from django.conf.locale.en.formats import *  # noqa: F403

from bimtek.formats import DAY_FIRST_DATES, DAY_FIRST_DATETIMES, TIMES

DATE_INPUT_FORMATS = DAY_FIRST_DATES
TIME_INPUT_FORMATS = TIMES
DATETIME_INPUT_FORMATS = DAY_FIRST_DATETIMES
