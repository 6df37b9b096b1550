"""Site pages (home, standard pages) and the site-wide settings: institution and navigation."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import BaseStreamBlock, LinkBlock


class HomePage(Page):
    """The front page of the site, one per language."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("hero button text"), max_length=60, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    @property
    def localized(self):
        """
        The translation in the active language, as Wagtail finds it, but without reading
        the active locale from the database when it is this page's own: routing asks the
        site's home page on every request.
        """
        from ..chrome import active_locale

        if active_locale().pk == self.locale_id:
            return self
        return super().localized

    def route(self, request, path_components):
        """
        Route to a child as Wagtail does (by slug, then the child's own ``route``), with the
        children in their specific form read from the cache: every page below the home
        page saves the two queries of that first step.
        """
        from ..chrome import cached_content

        if path_components:
            children = cached_content(
                f"home-children:{self.pk}",
                lambda: {child.slug: child for child in self.get_children().specific()},
            )
            child = children.get(path_components[0])
            if child is not None:
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class StandardPage(Page):
    """A plain content page: about, help, contact and similar."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """The institution behind the site: name, logo, contact details and partners."""

    institution_name = models.CharField(
        _("institution name"),
        max_length=200,
        default="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Gorontalo",
    )
    short_name = models.CharField(_("short name"), max_length=60, default="BKPSDM")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("institution_name"), FieldPanel("short_name"), FieldPanel("logo")],
            heading=_("Institution"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
            ],
            heading=_("Contact"),
        ),
        InlinePanel("partners", label=_("Partners"), heading=_("Partner logos")),
    ]

    class Meta:
        verbose_name = _("institution")


class Partner(Orderable):
    """A partner shown in the footer, such as the New Zealand programme."""

    settings = ParentalKey(SiteSettings, related_name="partners", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=200)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("web address"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The links in the header and the footer of every page."""

    header_links = StreamField([("link", LinkBlock())], verbose_name=_("header links"), blank=True)
    footer_links = StreamField([("link", LinkBlock())], verbose_name=_("footer links"), blank=True)
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])

    panels = [FieldPanel("header_links"), FieldPanel("footer_links"), FieldPanel("footer_text")]

    class Meta:
        verbose_name = _("navigation")
