"""
StreamField blocks shared by every page type that carries a body.

`BaseStreamBlock` is the common set; page types with more needs (lessons) extend it.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline correct for screen readers."""

    heading_text = blocks.CharBlock(label=_("heading"), max_length=200)
    size = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)")), ("h4", _("Minor (H4)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"heading_text": "Standar Pelayanan", "size": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    """An image with alternative text, a caption and a credit."""

    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)
    attribution = blocks.CharBlock(label=_("credit"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/captioned_image_block.html"


class VideoBlock(blocks.StructBlock):
    """A video from an oEmbed provider, with a caption and a transcript link for accessibility."""

    video = EmbedBlock(label=_("video URL"), help_text=_("For example a YouTube or Vimeo link."))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    """A downloadable document (regulation, form, slides) with its size shown."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted note: information, a practical tip or a warning."""

    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("info", _("Information")), ("tip", _("Tip")), ("warning", _("Warning"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Callout")
        template = "blocks/callout_block.html"
        preview_value = {
            "kind": "tip",
            "title": "Tips",
            "text": "<p>Pasang maklumat pelayanan di tempat yang mudah dilihat.</p>",
        }


class QuoteBlock(blocks.StructBlock):
    """A quotation, e.g. an article of law, with its source."""

    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(label=_("source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class KeyTakeawaysBlock(blocks.StructBlock):
    """A short list of the points a reader should remember."""

    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("points"))

    class Meta:
        icon = "list-ul"
        label = _("Key takeaways")
        template = "blocks/key_takeaways_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The common body of every content page."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul", "hr"],
        template="blocks/paragraph_block.html",
    )
    image = CaptionedImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    table = TableBlock(label=_("Table"))
    key_takeaways = KeyTakeawaysBlock()

    class Meta:
        # Wagtail's own rendering, except that a table sits in a region that takes keyboard
        # focus, so a table wider than a phone can be scrolled without a pointer.
        template = "blocks/stream_block.html"


class LinkBlock(blocks.StructBlock):
    """A navigation link to a page of the site or to another address."""

    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external address"), required=False)
    label = blocks.CharBlock(
        label=_("label"), required=False, help_text=_("Defaults to the page's title.")
    )
    label_en = blocks.CharBlock(label=_("English label"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose a page or enter an address, not both."))
                }
            )
        if value.get("url") and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(_("An external link needs a label."))}
            )
        return value
