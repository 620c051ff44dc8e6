"""Sphinx configuration for the fusabi-host documentation."""

project = "fusabi-host"
author = "fusabi-host developers"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
exclude_patterns = ["_build"]
html_theme = "alabaster"
nitpicky = False
