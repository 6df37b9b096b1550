"""
The certificates app's REST API: certificates as their owners and administrators see them,
their PDFs, and the administrators' issue and revoke. Rules come from
``certificates.permissions``; issuing and revoking go through ``certificates.services``.
"""
