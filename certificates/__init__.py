"""Certificates: templates, signatories, numbering, PDF rendering and public verification."""
