"""mkdocs-chatspark: a ChatSpark chat widget with working actions on every page."""

__version__ = "0.1.0"
