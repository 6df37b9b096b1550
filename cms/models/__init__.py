"""
Models of the site: the chrome (home, standard pages, settings) and the training service's
own public-service information (the six components of UU 25/2009 Article 23(4)).
"""

from .complaints import Complaint, ComplaintsPage, ComplaintStatus
from .pages import HomePage, NavigationSettings, Partner, SiteSettings, StandardPage
from .performance import PerformancePage, SurveyResponse
from .public_service import (
    ImplementersPage,
    ProviderProfilePage,
    PublicServiceIndexPage,
    ServiceDeclarationPage,
    ServiceStandardPage,
)

__all__ = [
    "Complaint",
    "ComplaintStatus",
    "ComplaintsPage",
    "HomePage",
    "ImplementersPage",
    "NavigationSettings",
    "Partner",
    "PerformancePage",
    "ProviderProfilePage",
    "PublicServiceIndexPage",
    "ServiceDeclarationPage",
    "ServiceStandardPage",
    "SiteSettings",
    "StandardPage",
    "SurveyResponse",
]
