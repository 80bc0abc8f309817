class StoreError(Exception):
    """The database cannot be opened or written; the message says which file and what to do."""


class DatabaseDamaged(StoreError):
    """The database's content cannot be trusted (as opposed to, say, a permission problem)."""
