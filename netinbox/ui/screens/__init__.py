"""Full screens (the Inbox) and the help screen."""
