"""Indonesian formats: Django's, with day-first input and "08.00" or "08:00" accepted."""

from django.conf.locale.id.formats import *  # noqa: F403

from bimtek.formats import DAY_FIRST_DATES, DAY_FIRST_DATETIMES, TIMES

DATE_INPUT_FORMATS = DAY_FIRST_DATES
TIME_INPUT_FORMATS = TIMES
DATETIME_INPUT_FORMATS = DAY_FIRST_DATETIMES
