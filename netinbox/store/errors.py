class StoreError(Exception):
    """The database cannot be opened or written; the message says which file and what to do."""
