"""Views of the training app: participant pages here, admin views in ``admin``."""
