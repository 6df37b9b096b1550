"""``{% administrator_contacts as contacts %}``: whom a refused user should ask."""

from django import template

from accounts.selectors import administrator_contacts as _administrator_contacts

register = template.Library()


@register.simple_tag(takes_context=True)
def administrator_contacts(context):
    return _administrator_contacts(request=context.get("request"))
