from netinbox.ui.widgets.person_card import PersonCard
from netinbox.ui.widgets.tables import PersonTable, Row

__all__ = ["PersonCard", "PersonTable", "Row"]
