"""Modal dialogs: each returns its result with `dismiss()`; the screen that opened it acts on it."""
