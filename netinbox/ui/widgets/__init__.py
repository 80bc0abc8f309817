from netinbox.ui.widgets.person_card import PersonCard
from netinbox.ui.widgets.tables import FlexTable, InboxTable, Row

__all__ = ["FlexTable", "InboxTable", "PersonCard", "Row"]
