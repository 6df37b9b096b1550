"""
How a stored value reads in the admin: words for yes/no and for nothing ("—"), figures
without a needless ".0", and times in the site's time zone (WITA), in the reader's language.
"""

import datetime
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils import formats, timezone
from django.utils.translation import gettext as _

register = template.Library()

EMPTY = "—"


@register.filter
def figure(value, places=2):
    """A number with the decimals it has (at most ``places``): 16 JP, 12,5 JP, never 16.0."""
    if value is None or value == "":
        return EMPTY
    exponent = Decimal(str(value)).normalize().as_tuple().exponent
    return floatformat(value, max(0, min(int(places), -exponent)))


@register.filter
def admin_value(value):
    """``value`` as the admin shows it: never "None", "True", "False" or "16.0"."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal | float):
        return figure(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return formats.localize(value)
