"""Views of the training app: participant pages here (one module per area), admin views in
``admin``."""
