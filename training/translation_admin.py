"""
The admin's "Translate" action for quizzes, evaluation forms and batches.

The same workflow as course pages and snippets (``wagtail.contrib.simple_translation``): the
trainer picks a language, Wagtail copies the record with its questions and choices (or items)
into it, and the trainer edits the copy's texts. The viewsets list and open every language's
rows (their default manager sees the Indonesian source rows only); the listing has a locale
filter and the edit screen a language switcher, both Wagtail's own.
"""

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.contrib.simple_translation.views import SubmitTranslationView
from wagtail.models import Locale


class TranslateRecordView(SubmitTranslationView):
    """Choose the languages to translate one record into; opens the copy's edit screen."""

    scope = None
    edit_url_name = None

    def dispatch(self, request, *args, **kwargs):
        # Whoever may edit this kind of record (in their courses) may translate it: trainers
        # translate their own quizzes and forms, without the right to translate any page.
        model = self.scope(request.user).model
        if not request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
            raise PermissionDenied
        self.object = self.get_object()
        return TemplateView.dispatch(self, request, *args, **kwargs)

    def get_object(self):
        return get_object_or_404(self.scope(self.request.user), pk=unquote(str(self.kwargs["pk"])))

    def get_title(self):
        return _("Translate %(model_name)s") % {"model_name": self.object._meta.verbose_name}

    def get_success_url(self, translated_object=None):
        return reverse(self.edit_url_name, args=[quote((translated_object or self.object).pk)])

    def get_success_message(self, locales):
        return _("Translation into %(locales)s made of %(model_name)s '%(object)s'.") % {
            "model_name": self.object._meta.verbose_name,
            "object": str(self.object),
            "locales": locales,
        }


def _can_translate(user, instance) -> bool:
    opts = instance._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    taken = instance.get_translations(inclusive=True).values("locale")
    return Locale.objects.exclude(pk__in=taken).exists()


def every_language(queryset):
    """The rows of ``queryset`` (source rows) and their translations, for an admin screen."""
    keys = queryset.order_by().values("translation_key")
    return queryset.model.all_locales.filter(translation_key__in=keys)


def _translate_url_name(view) -> str:
    return view.edit_url_name.rsplit(":", 1)[0] + ":translate"


class AllLanguagesIndexMixin:
    """Index view: rows of every language (Wagtail's locale filter picks one), with Translate."""

    def get_base_queryset(self):
        return every_language(super().get_base_queryset())

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        # No query per row: the form itself greys out the languages already translated.
        opts = instance._meta
        if self.request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            buttons.append(
                MenuItem(
                    _("Translate"),
                    url=reverse(_translate_url_name(self), args=[quote(instance.pk)]),
                    icon_name="globe",
                    priority=25,
                )
            )
        return buttons


class AllLanguagesObjectMixin:
    """Edit and delete views: open a row of any language; the edit screen offers Translate."""

    def get_queryset(self):
        return every_language(super().get_queryset())

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.edit_url_name and _can_translate(self.request.user, self.object):
            buttons.append(
                Button(
                    _("Translate"),
                    url=reverse(_translate_url_name(self), args=[quote(self.object.pk)]),
                    icon_name="globe",
                    priority=15,
                )
            )
        return buttons


class TranslatableViewSetMixin:
    """For a ``ModelViewSet`` of a translatable record: the translate screen and its buttons."""

    @property
    def translate_view(self):
        return TranslateRecordView.as_view(
            scope=staticmethod(self.scope), edit_url_name=self.get_url_name("edit")
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("translate/<str:pk>/", self.translate_view, name="translate"),
        ]
