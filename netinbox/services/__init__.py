"""Services: the actions and rules of netinbox, in plain Python (no terminal, no TinyDB)."""

from netinbox.services.context import ActionError, Context

__all__ = ["ActionError", "Context"]
