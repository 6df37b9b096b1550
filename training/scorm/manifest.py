"""
Reading ``imsmanifest.xml``: title, SCORM version, organisations, items, SCOs and launch files.

Namespaces differ between SCORM 1.2 and the 2004 editions (and packages are careless with
them), so elements are matched by local name. The XML is parsed with defusedxml: a manifest
is untrusted input and must not expand entities or reach the network.
"""

import posixpath
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext_lazy as _

from ..models.scorm import ScormVersion
from .errors import ScormPackageError

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


@dataclass
class ManifestItem:
    """An item of the organisation: a heading (no launch) or a launchable activity."""

    identifier: str
    title: str
    depth: int
    launch: str = ""
    sco: bool = False

    def as_dict(self) -> dict:
        return {
            "identifier": self.identifier,
            "title": self.title,
            "depth": self.depth,
            "launch": self.launch,
            "sco": self.sco,
        }


@dataclass
class Manifest:
    """What a package's manifest says, as far as the platform uses it."""

    identifier: str
    title: str
    version: str
    organisations: list[str] = field(default_factory=list)
    items: list[ManifestItem] = field(default_factory=list)
    sequencing: dict = field(default_factory=dict)
    """SCORM 2004 navigation (``read_sequencing``): ``choice``, ``flow``, ``forward_only`` and
    the ``unsupported`` sequencing elements the package asks for."""

    @property
    def launchable_items(self) -> list[ManifestItem]:
        return [item for item in self.items if item.launch]

    @property
    def sco_count(self) -> int:
        return sum(1 for item in self.items if item.sco)

    def launch_paths(self) -> set[str]:
        """The package files the launchable items open (without their query strings)."""
        return {urlsplit(item.launch).path for item in self.launchable_items}


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _child(element: Element, name: str) -> Element | None:
    return next(iter(_children(element, name)), None)


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _attribute(element: Element, name: str) -> str:
    """An attribute by local name, whatever its namespace prefix and case."""
    for key, value in element.attrib.items():
        if _local(key).lower() == name.lower():
            return value.strip()
    return ""


def _version(root: Element) -> str:
    metadata = _child(root, "metadata")
    schema_version = _text(_child(metadata, "schemaversion")) if metadata is not None else ""
    text = schema_version.lower()
    if text in ("1.2", "1.2.0"):
        return ScormVersion.SCORM_12
    if "cam 1.3" in text or "2nd" in text:
        return ScormVersion.SCORM_2004_2
    if "3rd" in text:
        return ScormVersion.SCORM_2004_3
    if "4th" in text:
        return ScormVersion.SCORM_2004_4
    # No usable <schemaversion>: the namespaces tell 1.2 (adlcp_rootv1p2) from 2004 (v1p3).
    namespaces = " ".join([root.tag, *(key for element in root.iter() for key in element.attrib)])
    if "adlcp_v1p3" in namespaces or "imscp_v1p1" in root.tag:
        return ScormVersion.SCORM_2004_3
    if "adlcp_rootv1p2" in namespaces or "imscp_rootv1p1p2" in root.tag:
        return ScormVersion.SCORM_12
    raise ScormPackageError(
        _("The manifest does not say which SCORM version the package follows."),
        code="unknown_version",
    )


def _join(base: str, href: str) -> str:
    return posixpath.join(base, href) if base and href else base or href


def _resources(root: Element) -> dict[str, tuple[str, bool]]:
    """Resource identifier → (launch href with its xml:base, whether it is a SCO)."""
    resources = {}
    resources_element = _child(root, "resources")
    if resources_element is None:
        return resources
    base = resources_element.get(XML_BASE, "")
    for resource in _children(resources_element, "resource"):
        href = _attribute(resource, "href")
        if href:
            href = _join(_join(base, resource.get(XML_BASE, "")), href)
        kind = _attribute(resource, "scormtype").lower()
        resources[_attribute(resource, "identifier")] = (href, kind == "sco")
    return resources


def _walk(element: Element, depth: int, resources, items: list[ManifestItem]) -> None:
    for item in _children(element, "item"):
        if _attribute(item, "isvisible").lower() == "false":
            continue
        reference = _attribute(item, "identifierref")
        href, sco = resources.get(reference, ("", False))
        launch = href
        parameters = _attribute(item, "parameters")
        if launch and parameters:
            # SCORM's rule: "?" is dropped when the launch already has a query, "#" kept.
            if parameters.startswith("?") and "?" in launch:
                parameters = "&" + parameters[1:]
            elif not parameters.startswith(("?", "#", "&")):
                parameters = ("&" if "?" in launch else "?") + parameters
            launch += parameters
        items.append(
            ManifestItem(
                identifier=_attribute(item, "identifier"),
                title=_text(_child(item, "title")) or _attribute(item, "identifier"),
                depth=depth,
                launch=launch,
                sco=bool(launch) and sco,
            )
        )
        _walk(item, depth + 1, resources, items)


# Sequencing the player carries out: the organisation's control mode (choice, flow,
# forwardOnly), continue/previous requests and the default rollup. Anything else a package
# asks for is reported at import, and the package is played in choice mode.
UNSUPPORTED_SEQUENCING = (
    "sequencingRules",
    "limitConditions",
    "rollupRules",
    "randomizationControls",
    "auxiliaryResources",
    "constrainedChoiceConsiderations",
    "rollupConsiderations",
)
_TRUE = ("true", "1")


def _flag(element: Element | None, name: str, default: bool) -> bool:
    if element is None:
        return default
    value = _attribute(element, name).lower()
    return value in _TRUE if value else default


def _sequencing_of(element: Element, collection: dict[str, Element]) -> list[Element]:
    """The ``<imsss:sequencing>`` of an organisation or item, with the collection's entry
    it refers to (``IDRef``) first, as SCORM 2004 CAM lets the local one override it."""
    found = []
    for sequencing in _children(element, "sequencing"):
        reference = _attribute(sequencing, "IDRef")
        if reference and reference in collection:
            found.append(collection[reference])
        found.append(sequencing)
    return found


def _control_mode(sequencings: list[Element]) -> tuple[bool, bool, bool]:
    choice, flow, forward_only = True, False, False
    for sequencing in sequencings:
        mode = _child(sequencing, "controlMode")
        choice = _flag(mode, "choice", choice)
        flow = _flag(mode, "flow", flow)
        forward_only = _flag(mode, "forwardOnly", forward_only)
    return choice, flow, forward_only


def read_sequencing(root: Element, organisation: Element | None) -> dict:
    """
    The SCORM 2004 simple sequencing of the organisation the participant is given: its
    control mode, and which sequencing elements it (or any of its items) asks for that the
    player does not carry out. A control mode on a cluster that differs from the
    organisation's counts as one of those. With any of them, the package plays in choice
    mode (``choice`` true, ``flow`` false) and ``unsupported`` names what was set aside.
    """
    if organisation is None:
        return {"choice": True, "flow": False, "forward_only": False, "unsupported": []}
    collection_element = _child(root, "sequencingCollection")
    collection = {
        _attribute(sequencing, "ID"): sequencing
        for sequencing in (
            _children(collection_element, "sequencing") if collection_element is not None else []
        )
    }
    own = _sequencing_of(organisation, collection)
    choice, flow, forward_only = _control_mode(own)
    unsupported: set[str] = set()
    elements = [organisation, *(item for item in organisation.iter() if _local(item.tag) == "item")]
    for element in elements:
        sequencings = _sequencing_of(element, collection)
        for sequencing in sequencings:
            for child in sequencing:
                name = _local(child.tag)
                if name in UNSUPPORTED_SEQUENCING:
                    unsupported.add(name)
                elif name == "objectives" and any(
                    _local(part.tag) == "mapInfo" for part in child.iter()
                ):
                    unsupported.add("objectives/mapInfo")
        if element is not organisation and sequencings:
            has_mode = any(_child(seq, "controlMode") is not None for seq in sequencings)
            if has_mode and _control_mode(sequencings) != (choice, flow, forward_only):
                unsupported.add("controlMode")
    if unsupported:
        choice, flow, forward_only = True, False, False
    return {
        "choice": choice,
        "flow": flow,
        "forward_only": forward_only,
        "unsupported": sorted(unsupported),
    }


def parse_manifest(content: bytes) -> Manifest:
    """Parse a manifest; raise ``ScormPackageError`` when it is not a usable one."""
    try:
        root = ElementTree.fromstring(content, forbid_dtd=False)
    except DefusedXmlException as error:
        # The exception's own text is a Python repr (``EntitiesForbidden(name='a', ...)``).
        raise ScormPackageError(
            _(
                "The manifest imsmanifest.xml uses XML entities or external references, which "
                "are not allowed. Export the package again without them."
            ),
            code="manifest_invalid",
        ) from error
    except (ElementTree.ParseError, ValueError) as error:
        raise ScormPackageError(
            _("The manifest imsmanifest.xml is not valid XML: %(error)s"),
            code="manifest_invalid",
            params={"error": str(error)},
        ) from error
    if _local(root.tag) != "manifest":
        raise ScormPackageError(
            _("The file imsmanifest.xml has no <manifest> element."), code="manifest_invalid"
        )
    version = _version(root)
    resources = _resources(root)
    organisations_element = _child(root, "organizations")
    organisations = (
        _children(organisations_element, "organization")
        if organisations_element is not None
        else []
    )
    default = (
        _attribute(organisations_element, "default") if organisations_element is not None else ""
    )
    # The default organisation first: it is the one a participant is given.
    organisations.sort(key=lambda organisation: _attribute(organisation, "identifier") != default)
    items: list[ManifestItem] = []
    title = ""
    sequencing = read_sequencing(root, organisations[0] if organisations else None)
    if organisations:
        chosen = organisations[0]
        title = _text(_child(chosen, "title"))
        _walk(chosen, 0, resources, items)
    if not any(item.launch for item in items):
        # No organisation (allowed for plain content): each SCO resource becomes an item.
        items = [
            ManifestItem(identifier=identifier, title=identifier, depth=0, launch=href, sco=sco)
            for identifier, (href, sco) in resources.items()
            if href and sco
        ]
    if not items or not any(item.launch for item in items):
        raise ScormPackageError(
            _("The manifest has no launchable resource: no item opens a file of the package."),
            code="no_launchable_resource",
        )
    return Manifest(
        identifier=_attribute(root, "identifier"),
        title=title or _attribute(root, "identifier"),
        version=version,
        organisations=[_attribute(organisation, "identifier") for organisation in organisations],
        items=items,
        sequencing=sequencing,
    )
