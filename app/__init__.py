"""Commune Desk core: use cases, rules, documents and the command line. Never imports Qt."""

__version__ = "0.1.0"
APP_NAME = "commune-desk"
APP_TITLE = "Một cửa thân thiện"
