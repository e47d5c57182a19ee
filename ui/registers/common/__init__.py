"""What every register screen shares: the view layout, the controller skeleton, the import dialog."""
