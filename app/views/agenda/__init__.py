"""The Today page: agenda, due banner, reminder notifications and .ics export."""
