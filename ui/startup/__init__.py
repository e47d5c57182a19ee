"""From start to the main window: open the database, first-start setup or the demo, sign-in."""
