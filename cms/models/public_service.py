"""
The training service's own public-service information (UU 25/2009 Article 23(4)).

A landing page holds the six components as structured child pages: the provider's profile,
the implementers' profile, the service standard, the service declaration (maklumat), the
complaint desk and the performance assessment (satisfaction survey results).
"""

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]

# The six components of Article 23(4), in the order the law lists them.
COMPONENT_PAGE_TYPES = [
    "cms.ProviderProfilePage",
    "cms.ImplementersPage",
    "cms.ServiceStandardPage",
    "cms.ServiceDeclarationPage",
    "cms.ComplaintsPage",
    "cms.PerformancePage",
]


class PublicServiceIndexPage(Page):
    """The landing page of the public-service information: links to the six components."""

    introduction = models.TextField(_("introduction"), blank=True)
    legal_note = RichTextField(_("legal note"), blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("legal_note")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = COMPONENT_PAGE_TYPES
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("public-service information page")

    def get_components(self):
        """
        The live component pages in the order of Article 23(4). Plain pages, not their
        specific types: title, description, URL and date are all the list needs, and one
        query serves them all.
        """
        order = {name.split(".")[1].lower(): i for i, name in enumerate(COMPONENT_PAGE_TYPES)}
        pages = self.get_children().live().public().select_related("content_type")
        return sorted(pages, key=lambda page: order.get(page.content_type.model, len(order)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["components"] = self.get_components()
        return context


class ProviderProfilePage(Page):
    """Profil penyelenggara: the institution, its legal basis, organisation and contacts."""

    institution_name = models.CharField(_("institution name"), max_length=200)
    legal_basis = RichTextField(_("legal basis"), features=TEXT_FEATURES)
    vision = models.TextField(_("vision"), blank=True)
    mission = RichTextField(_("mission"), blank=True, features=TEXT_FEATURES)
    duties = RichTextField(_("duties and functions"), blank=True, features=TEXT_FEATURES)
    organisation_chart = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("organisation chart"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_chart_description = models.TextField(
        _("organisation chart as text"),
        blank=True,
        help_text=_("Describes the chart for screen readers and slow connections."),
    )
    address = models.TextField(_("address"))
    office_hours = models.TextField(_("service hours"))
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("institution_name"),
                FieldPanel("legal_basis"),
                FieldPanel("vision"),
                FieldPanel("mission"),
                FieldPanel("duties"),
            ],
            heading=_("Institution"),
        ),
        MultiFieldPanel(
            [FieldPanel("organisation_chart"), FieldPanel("organisation_chart_description")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("office_hours"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
            ],
            heading=_("Contact"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("institution_name")]

    parent_page_types = ["cms.PublicServiceIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("provider profile page")


class ImplementersPage(Page):
    """Profil pelaksana: the trainers and staff who agreed to be listed publicly."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["cms.PublicServiceIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("implementers profile page")

    def get_implementers(self):
        """Active people who consented to be listed; nothing else about them leaves the admin."""
        return (
            get_user_model()
            .objects.filter(listed_publicly=True, is_active=True)
            .select_related("agency")
            .only("full_name", "first_name", "last_name", "username", "position", "public_bio",
                  "agency__name")
            .order_by("full_name", "username")
        )  # fmt: skip

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["implementers"] = self.get_implementers()
        return context


class ServiceStandardPage(Page):
    """
    Standar pelayanan: the components of a service standard (PermenPANRB 15/2014) as
    separate fields, with the decree that set it and the complaint response time that the
    complaint desk uses for its due dates.
    """

    service_name = models.CharField(_("service name"), max_length=200)
    decree = models.CharField(
        _("established by"), max_length=250, help_text=_("Number and title of the decree.")
    )
    established_on = models.DateField(_("established on"))
    legal_basis = RichTextField(_("legal basis"), features=TEXT_FEATURES)
    requirements = RichTextField(_("requirements"), features=TEXT_FEATURES)
    procedure = RichTextField(_("system, mechanism and procedure"), features=TEXT_FEATURES)
    duration = RichTextField(_("completion time"), features=TEXT_FEATURES)
    cost = RichTextField(_("cost or fee"), features=TEXT_FEATURES)
    product = RichTextField(_("service product"), features=TEXT_FEATURES)
    complaint_channel = RichTextField(
        _("handling of complaints, suggestions and feedback"), features=TEXT_FEATURES
    )
    complaint_response_days = models.PositiveSmallIntegerField(
        _("complaint response time (days)"),
        default=14,
        help_text=_("Calendar days within which a complaint is answered; sets its due date."),
    )
    facilities = RichTextField(_("facilities and infrastructure"), features=TEXT_FEATURES)
    competence = RichTextField(_("competence of implementers"), features=TEXT_FEATURES)
    internal_supervision = RichTextField(_("internal supervision"), features=TEXT_FEATURES)
    number_of_implementers = RichTextField(_("number of implementers"), features=TEXT_FEATURES)
    service_guarantee = RichTextField(_("service guarantee"), features=TEXT_FEATURES)
    security_guarantee = RichTextField(_("security and safety guarantee"), features=TEXT_FEATURES)
    performance_evaluation = RichTextField(
        _("performance evaluation of implementers"), features=TEXT_FEATURES
    )

    # Label and field of each component, in the order the public page shows them.
    DELIVERY_COMPONENTS = ["requirements", "procedure", "duration", "cost", "product"]
    MANAGEMENT_COMPONENTS = [
        "legal_basis",
        "facilities",
        "competence",
        "internal_supervision",
        "number_of_implementers",
        "service_guarantee",
        "security_guarantee",
        "performance_evaluation",
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("service_name"), FieldPanel("decree"), FieldPanel("established_on")],
            heading=_("Service"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in DELIVERY_COMPONENTS]
            + [FieldPanel("complaint_channel"), FieldPanel("complaint_response_days")],
            heading=_("Service delivery"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in MANAGEMENT_COMPONENTS], heading=_("Service management")
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("service_name")]

    parent_page_types = ["cms.PublicServiceIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service standard page")

    def _components(self, names):
        return [(self._meta.get_field(name).verbose_name, getattr(self, name)) for name in names]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["delivery_components"] = self._components(self.DELIVERY_COMPONENTS)
        context["management_components"] = self._components(self.MANAGEMENT_COMPONENTS)
        return context


class ServiceDeclarationPage(Page):
    """Maklumat pelayanan: the provider's public promise, signed by its head."""

    declaration = RichTextField(_("declaration text"), features=TEXT_FEATURES)
    place = models.CharField(_("place of signing"), max_length=100)
    signed_on = models.DateField(_("signed on"))
    official_name = models.CharField(_("signing official"), max_length=200)
    official_position = models.CharField(_("position of the official"), max_length=200)
    official_nip = models.CharField(_("NIP of the official"), max_length=18, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("declaration"),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("signed_on"),
                FieldPanel("official_name"),
                FieldPanel("official_position"),
                FieldPanel("official_nip"),
            ],
            heading=_("Signature"),
        ),
    ]

    parent_page_types = ["cms.PublicServiceIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service declaration page")
