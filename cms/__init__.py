"""The site's chrome: home and standard pages, shared blocks, site settings and navigation."""
