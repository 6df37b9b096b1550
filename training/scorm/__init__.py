"""
SCORM 1.2 and 2004 packages: reading the manifest, checking and extracting the ZIP, and
reading the run-time (CMI) data a SCO commits. Pure helpers; the services in
``training.services.scorm`` are what the rest of the code calls.
"""
