"""
Date and time formats of the site's languages (``FORMAT_MODULE_PATH``): Django's own, with
input formats that read a typed date day first in either language ("11/01/2027" is
11 January), and a time with a dot or a colon ("08.00" and "08:00"). Django's Indonesian
formats read "11/01/2027 08.00" month first and refuse "08:00".
"""

DAY_FIRST_DATES = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%m-%y"]
TIMES = ["%H:%M", "%H.%M", "%H:%M:%S", "%H.%M.%S"]
# The Wagtail pickers write WAGTAIL_DATETIME_FORMAT ("%d/%m/%Y %H:%M"); ISO is what
# browsers and the API send.
DAY_FIRST_DATETIMES = [f"{date} {time}" for date in DAY_FIRST_DATES for time in TIMES] + [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
]
