"""Accounts: the custom user with the ASN profile, agencies (OPD) and the three roles."""
