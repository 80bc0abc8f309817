"""netinbox: a keyboard-driven terminal inbox for LinkedIn networking."""

__version__ = "0.1.0"
