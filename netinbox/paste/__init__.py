"""Text copied from LinkedIn pages and pasted into netinbox: what it understood, what it could not.

`netinbox.paste.model` holds what a paste becomes (plain dataclasses, no I/O); the parsers read the
text into that; `netinbox.services.paste` saves it.
"""
